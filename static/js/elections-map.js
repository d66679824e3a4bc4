// The election map: a tooltip on hover and keyboard focus, focus and selection when the
// side panel opens. Links and htmx do the rest; without this file every shape still works.
(function () {
  "use strict";

  function named(target) {
    return target.closest && target.closest("[aria-label], [data-tip]");
  }

  function tipText(element) {
    return element.getAttribute("aria-label") || element.getAttribute("data-tip") || "";
  }

  function setup() {
    var figure = document.querySelector(".map-figure");
    var tooltip = document.getElementById("map-tooltip");
    if (!figure || !tooltip) {
      return;
    }
    var svg = figure.querySelector("svg");

    function show(element) {
      var text = tipText(element);
      if (!text || element === svg) {
        return;
      }
      var box = element.getBoundingClientRect();
      var frame = figure.getBoundingClientRect();
      tooltip.textContent = text;
      tooltip.style.left = box.left - frame.left + box.width / 2 + "px";
      tooltip.style.top = box.top - frame.top - 4 + "px";
      tooltip.hidden = false;
    }

    function hide() {
      tooltip.hidden = true;
    }

    svg.addEventListener("pointerover", function (event) {
      var element = named(event.target);
      if (element && svg.contains(element)) {
        show(element);
      }
    });
    svg.addEventListener("pointerleave", hide);
    svg.addEventListener("focusin", function (event) {
      show(event.target);
    });
    svg.addEventListener("focusout", hide);
    svg.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        hide();
      }
    });
  }

  function markSelected() {
    var body = document.querySelector("#map-panel [data-code]");
    var code = body ? body.getAttribute("data-code") : "";
    document.querySelectorAll(".map-svg .map-shape").forEach(function (shape) {
      shape.classList.toggle("is-selected", shape.getAttribute("data-code") === code);
    });
  }

  document.addEventListener("DOMContentLoaded", setup);
  document.addEventListener("htmx:historyRestore", function () {
    setup();
    markSelected();
  });
  // The constituency whose panel was open before a swap: closing the panel sends the
  // keyboard back to its shape rather than losing focus with the removed link.
  var lastCode = "";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "map-panel") {
      var body = target.querySelector("[data-code]");
      lastCode = body ? body.getAttribute("data-code") : "";
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "map-panel") {
      return;
    }
    markSelected();
    var wide = window.matchMedia("(min-width: 60rem)").matches;
    var title = document.getElementById("map-panel-title");
    var shape = lastCode && document.querySelector(
      '.map-svg a.map-shape[data-code="' + lastCode + '"]:not([aria-hidden])'
    );
    if (title) {
      title.focus({ preventScroll: wide });
    } else if (shape) {
      shape.focus({ preventScroll: wide });
    }
  });
})();
