// ivzflow: progressive enhancement only; every page works without JavaScript.
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.documentElement.classList.add("js");
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // On a narrow screen the main menu folds behind a button; without JavaScript it simply stays open.
  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("main-nav");
  if (button && nav) {
    var narrow = window.matchMedia("(max-width: 48rem)");
    var apply = function () {
      button.hidden = !narrow.matches;
      var open = !narrow.matches || button.getAttribute("aria-expanded") === "true";
      nav.classList.toggle("collapsed", !open);
    };
    button.addEventListener("click", function () {
      button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
      apply();
    });
    narrow.addEventListener("change", apply);
    apply();
  }
});
