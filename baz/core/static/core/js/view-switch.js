// The "Lijst / Kaart" switch of a page with a list and a map (shown on phones only). Without
// JavaScript its links load the page with ?weergave=kaart, and the server renders that view.
// With JavaScript the view changes in place, the address still says which (so it can be
// shared or reloaded), and a "baz:viewchange" event lets the map draw itself once it shows.
//
// Markup: <nav class="view-switch" data-view-target="ID"> with links carrying data-view;
// the element ID carries data-view="lijst|kaart".
(function () {
  "use strict";

  var PARAMETER = "weergave";
  var DEFAULT_VIEW = "lijst";

  function viewUrl(view) {
    var params = new URLSearchParams(window.location.search);
    params.delete(PARAMETER);
    params.delete("page");
    if (view !== DEFAULT_VIEW) params.set(PARAMETER, view);
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function setUp(nav) {
    var target = document.getElementById(nav.getAttribute("data-view-target"));
    if (!target) return;
    var links = nav.querySelectorAll("a[data-view]");

    function syncLinks() {
      links.forEach(function (link) {
        link.setAttribute("href", viewUrl(link.getAttribute("data-view")));
      });
    }

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        var view = link.getAttribute("data-view");
        target.setAttribute("data-view", view);
        links.forEach(function (other) {
          if (other === link) {
            other.setAttribute("aria-current", "true");
          } else {
            other.removeAttribute("aria-current");
          }
        });
        window.history.replaceState(window.history.state, "", viewUrl(view));
        syncLinks();
        target.dispatchEvent(new CustomEvent("baz:viewchange", { bubbles: true, detail: { view: view } }));
      });
    });
    syncLinks();
    // htmx pushes a new address after filtering; the switch keeps those filters.
    document.body.addEventListener("htmx:pushedIntoHistory", syncLinks);
  }

  function start() {
    document.querySelectorAll(".view-switch[data-view-target]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
