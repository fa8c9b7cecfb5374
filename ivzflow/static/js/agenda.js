// ivzflow agenda builder: reorder items by drag and drop, or with the arrow keys on an item's grip.
// Progressive enhancement: without JavaScript the "Omhoog"/"Omlaag" buttons do the same with a form post.
"use strict";
(function () {
  var container, csrf, orderUrl, statusRegion, alertRegion, dragged, before;

  function lists() { return Array.prototype.slice.call(container.querySelectorAll("ol.agenda-items")); }
  function items(list) { return Array.prototype.slice.call((list || container).querySelectorAll("li[data-item-id]")); }
  function order() { return items().map(function (li) { return parseInt(li.getAttribute("data-item-id"), 10); }); }

  function say(region, text) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);  // re-announce identical text too
  }

  function refreshButtons() {
    lists().forEach(function (list) {
      var rows = items(list);
      rows.forEach(function (li, index) {
        var up = li.querySelector("button[data-move=up]"), down = li.querySelector("button[data-move=down]");
        if (up) { up.disabled = index === 0; }
        if (down) { down.disabled = index === rows.length - 1; }
      });
    });
  }

  function restore(ids) {
    ids.forEach(function (id) {
      var li = container.querySelector('li[data-item-id="' + id + '"]');
      if (li) { li.parentNode.appendChild(li); }
    });
    refreshButtons();
  }

  function apply(data) {
    (data.items || []).forEach(function (row) {
      var li = container.querySelector('li[data-item-id="' + row.id + '"]');
      if (!li) { return; }
      li.querySelector("[data-number]").textContent = row.number + ".";
      li.querySelector("[data-running]").textContent = row.running;
      li.classList.toggle("over", !!row.over);
    });
    var summary = document.querySelector("[data-summary]");
    if (summary) { summary.textContent = data.summary; }
    var warning = document.querySelector("[data-warning]");
    if (warning) {
      warning.textContent = "";
      if (data.warning) {
        var strong = document.createElement("strong");
        strong.textContent = data.warning;
        warning.appendChild(strong);
      }
    }
  }

  function save(previous, moved) {
    refreshButtons();
    fetch(orderUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({order: order()})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var message = (data.error && data.error.message) || container.getAttribute("data-failed");
          throw new Error(message);
        }
        return data;
      });
    }).then(function (data) {
      apply(data);
      var text = data.message;
      if (moved) {
        var number = moved.querySelector("[data-number]").textContent.replace(".", "");
        text = container.getAttribute("data-moved").replace("{title}", moved.getAttribute("data-title"))
          .replace("{number}", number);
      }
      say(statusRegion, text);
    }).catch(function (error) {
      restore(previous);
      say(alertRegion, error.message || container.getAttribute("data-failed"));
    });
  }

  function moveByKey(event) {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") { return; }
    event.preventDefault();
    var li = event.currentTarget.closest("li[data-item-id]");
    var sibling = event.key === "ArrowUp" ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) { return; }
    var previous = order();
    if (event.key === "ArrowUp") { li.parentNode.insertBefore(li, sibling); }
    else { li.parentNode.insertBefore(sibling, li); }
    event.currentTarget.focus();
    save(previous, li);
  }

  function onDragStart(event) {
    dragged = event.currentTarget.closest("li[data-item-id]");
    before = order();
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-item-id"));
    if (event.dataTransfer.setDragImage) { event.dataTransfer.setDragImage(dragged, 10, 10); }
  }

  function onDragOver(event) {
    var target = event.currentTarget;
    if (!dragged || target === dragged || target.parentNode !== dragged.parentNode) { return; }
    event.preventDefault();  // only within the same part of the agenda
    event.dataTransfer.dropEffect = "move";
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    target.parentNode.insertBefore(dragged, after ? target.nextElementSibling : target);
  }

  function onDrop(event) { if (dragged) { event.preventDefault(); } }

  function onDragEnd() {
    if (!dragged) { return; }
    var moved = dragged;
    dragged.classList.remove("dragging");
    dragged = null;
    if (order().join(",") !== before.join(",")) { save(before, moved); }
  }

  function region(role) {
    var p = document.createElement("p");
    p.className = "js-message" + (role === "alert" ? " js-error" : "");
    p.setAttribute("role", role);
    container.insertBefore(p, container.firstChild);
    return p;
  }

  document.addEventListener("DOMContentLoaded", function () {
    container = document.getElementById("agenda");
    var token = document.getElementById("agenda-csrf");
    if (!container || !token || !container.getAttribute("data-order-url") || !window.fetch) { return; }
    csrf = token.value;
    orderUrl = container.getAttribute("data-order-url");
    statusRegion = region("status");
    alertRegion = region("alert");

    var help = document.createElement("p");
    help.id = "agenda-drag-help";
    help.className = "hint";
    help.textContent = container.getAttribute("data-help");
    container.insertBefore(help, container.firstChild);

    items().forEach(function (li) {
      var grip = document.createElement("button");
      grip.type = "button";
      grip.className = "drag-handle";
      grip.draggable = true;
      grip.setAttribute("aria-describedby", help.id);
      grip.innerHTML = '<span aria-hidden="true">⠿</span><span class="visually-hidden"></span>';
      grip.lastChild.textContent = container.getAttribute("data-item-label") + ": " + li.getAttribute("data-title");
      grip.addEventListener("keydown", moveByKey);
      grip.addEventListener("dragstart", onDragStart);
      grip.addEventListener("dragend", onDragEnd);
      li.addEventListener("dragover", onDragOver);
      li.addEventListener("drop", onDrop);
      li.insertBefore(grip, li.firstChild);
    });
  });
})();
