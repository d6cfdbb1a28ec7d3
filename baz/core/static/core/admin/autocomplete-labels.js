// The admin's type-ahead choosers (wagtail-autocomplete) draw a remove button with only an
// icon: give each one a Dutch name ("Verwijder Gent") so screen readers and voice control
// can use it. Runs on every admin page that has such a chooser; the choosers redraw, so a
// MutationObserver keeps the names up to date.
(function () {
  "use strict";

  function labelButtons(root) {
    root.querySelectorAll(".c-wagtailautocomplete__selection__button, .c-wagtailautocomplete__suggestions__item button").forEach(function (button) {
      var holder = button.closest(".c-wagtailautocomplete__selection, .c-wagtailautocomplete__suggestions__item");
      var label = holder ? holder.querySelector(".c-wagtailautocomplete__selection__label, .c-wagtailautocomplete__suggestions__item__label") : null;
      var name = label ? label.textContent.trim() : "";
      var wanted = name ? "Verwijder " + name : "Verwijder";
      if (button.getAttribute("aria-label") !== wanted) {
        button.setAttribute("aria-label", wanted);
      }
    });
  }

  function start() {
    if (!document.querySelector("[data-autocomplete-input]")) {
      return;
    }
    labelButtons(document);
    new MutationObserver(function () {
      labelButtons(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
