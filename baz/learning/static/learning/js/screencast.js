// Chapter links jump the screencast's player to their moment. Without JavaScript the links
// still lead to the player. No inline scripts: the Content-Security-Policy is script-src 'self'.
(function () {
  "use strict";

  function setUp() {
    var video = document.getElementById("speler");
    if (!video) return;
    document.querySelectorAll(".chapters__link[data-start]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var start = Number(link.getAttribute("data-start"));
        if (!isFinite(start)) return;
        event.preventDefault();
        video.currentTime = start;
        document.querySelectorAll(".chapters__link[aria-current]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        link.setAttribute("aria-current", "true");
        // Focus moves to the player so that Space starts it right away.
        video.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
