// ivzflow proposal form: the trekker and meeting lists follow the chosen deciding body (and project) at once.
// Progressive enhancement: without JavaScript the "Kies gremium en project" button reloads the form with them.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("proposal-form");
  if (!form || !window.fetch) { return; }
  var body = form.querySelector("#decision_body_id"), project = form.querySelector("#project_id");
  var trekker = form.querySelector("#trekker_id"), meeting = form.querySelector("#target_meeting_id");
  var status = form.querySelector("#choices-status");
  if (!body || !trekker || !meeting) { return; }
  Array.prototype.forEach.call(form.querySelectorAll(".no-js-only"), function (el) { el.hidden = true; });

  function fill(select, pairs, wanted) {
    var keep = wanted !== undefined && pairs.some(function (p) { return String(p[0]) === String(wanted); });
    select.innerHTML = "";
    pairs.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    select.value = keep ? String(wanted) : "0";
  }

  function refresh(projectChanged) {
    var url = form.getAttribute("data-choices-url") + "?body=" + encodeURIComponent(body.value) +
      "&project=" + encodeURIComponent(project ? project.value : "");
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var wanted = projectChanged && data.project_trekker ? data.project_trekker : trekker.value;
        fill(trekker, data.trekkers, wanted);
        fill(meeting, data.meetings, meeting.value);
        if (status) { status.textContent = data.message; }
      })
      .catch(function () { /* the server checks the choice on saving and says what does not fit */ });
  }
  body.addEventListener("change", function () { refresh(false); });
  if (project) { project.addEventListener("change", function () { refresh(true); }); }
});
