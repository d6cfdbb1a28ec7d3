// Small enhancements for the whole site. No inline scripts anywhere: the Content-Security-Policy
// is script-src 'self'. Everything works without this file; it only adds the mobile menu toggle.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("hoofdmenu");
    if (!toggle || !list) return;
    var narrow = window.matchMedia("(max-width: 40rem)");

    function apply() {
      if (narrow.matches) {
        toggle.hidden = false;
        var open = toggle.getAttribute("aria-expanded") === "true";
        list.classList.toggle("is-collapsed", !open);
      } else {
        toggle.hidden = true;
        list.classList.remove("is-collapsed");
      }
    }

    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      apply();
    });
    // Escape closes the open menu and returns focus to its button.
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches) {
        toggle.setAttribute("aria-expanded", "false");
        apply();
        toggle.focus();
      }
    });
    narrow.addEventListener("change", apply);
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpMenu);
  } else {
    setUpMenu();
  }
})();
