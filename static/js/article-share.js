// "Copier le lien" on the article page: shown only when a script can run; the share
// links above it work without it.
(function () {
  "use strict";

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  function init() {
    document.querySelectorAll(".share__copy[data-copy-url]").forEach(function (button) {
      var status = button.closest(".share").querySelector(".share__status");
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button.dataset.copyUrl).then(
          function () { status.textContent = button.dataset.copied; },
          function () { status.textContent = button.dataset.failed + " " + button.dataset.copyUrl; }
        );
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
