// A widget tells the page framing it how tall it is (the responsive « Intégrer » code
// listens, newsroom/embeds/rules.py): once drawn, and whenever its content or width
// changes it (a poll bringing new figures). Nothing else leaves the frame.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var sent = 0;
  function tell() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== sent) {
      sent = height;
      window.parent.postMessage({ type: "newsroom-embed-height", height: height }, "*");
    }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(tell).observe(document.documentElement);
  }
  window.addEventListener("load", tell);
  document.addEventListener("htmx:afterSettle", tell);
})();
