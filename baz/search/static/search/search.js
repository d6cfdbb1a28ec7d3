// /zoeken/: after htmx swaps in new results, move focus to their heading so keyboard and
// screen-reader users hear the new count and continue from there. Without JavaScript the
// form and links load full pages and nothing here is needed.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail || !event.detail.target || event.detail.target.id !== "search-results") return;
    var heading = document.getElementById("search-results-title");
    if (heading) heading.focus();
  });
})();
