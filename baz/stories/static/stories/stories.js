// /verhalen/: small enhancements for the htmx filter form. Everything works without this file
// (the filter form is a plain GET form and every state is a URL).
(function () {
  "use strict";

  // After htmx swapped in new results, say how many there are now.
  function announce(event) {
    var live = document.getElementById("stories-announce");
    if (!live || !event.detail || !event.detail.target) return;
    if (event.detail.target.id !== "stories-results") return;
    var title = document.getElementById("stories-results-title");
    if (title) live.textContent = title.textContent.trim();
  }

  // htmx swaps only the results. When the URL changes by another way than the form ("Wis alle
  // filters", pagination, the Back button), make the form show the filters of the new URL.
  function syncForm(path) {
    var form = document.querySelector(".stories-filters form");
    if (!form) return;
    var query = path && path.indexOf("?") !== -1 ? path.slice(path.indexOf("?") + 1) : "";
    var params = new URLSearchParams(query);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = params.getAll(field.name).indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" || field.type === "text" || field.type === "search") {
        field.value = params.get(field.name) || "";
      }
    });
  }

  function start() {
    document.body.addEventListener("htmx:afterSettle", announce);
    document.body.addEventListener("htmx:pushedIntoHistory", function (event) {
      syncForm(event.detail && event.detail.path);
    });
    document.body.addEventListener("htmx:historyRestore", function (event) {
      syncForm(event.detail && event.detail.path);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
