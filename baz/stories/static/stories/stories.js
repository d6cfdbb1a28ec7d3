// /verhalen/: after htmx swaps in new results, say how many there are now. Everything works
// without this file (the filter form is a plain GET form).
(function () {
  "use strict";

  function start() {
    var live = document.getElementById("stories-announce");
    if (!live) return;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (!event.detail || !event.detail.target || event.detail.target.id !== "stories-results") return;
      var title = document.getElementById("stories-results-title");
      if (title) live.textContent = title.textContent.trim();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
