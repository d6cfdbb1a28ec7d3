// "Waar is BAZ actief": the map of the municipalities in the list. No inline scripts: the
// Content-Security-Policy is script-src 'self'. Leaflet comes from django-leaflet's static
// files. The list on the page is the complete answer; the map adds nothing the list lacks.
// Every marker is a named button (core/js/map-keyboard.js): Tab reaches it, Enter or Space
// opens its popup, Escape closes it. On a phone the map waits behind the "Lijst / Kaart"
// switch (core/js/view-switch.js) and is drawn when it shows.
(function () {
  "use strict";

  var BELGIUM = [[50.65, 2.5], [51.55, 5.95]];

  function setUp(element) {
    if (typeof L === "undefined") return;
    var points = [];
    try {
      points = JSON.parse(element.getAttribute("data-points") || "[]");
    } catch (error) {
      return;
    }
    var map = L.map(element, { scrollWheelZoom: false });
    var keyboard = window.bazMapKeyboard;
    if (keyboard) keyboard.popups(map, element.getAttribute("data-label-close") || "Sluiten");
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", element.getAttribute("data-label") || "Kaart");
    var tileUrl = element.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: element.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    map.fitBounds(BELGIUM);
    points.forEach(function (point) {
      var span = document.createElement("span");
      span.className = "coaching-dot coaching-dot--" + point.status;
      var name = point.name + " (" + (element.getAttribute("data-label-" + point.status) || point.status) + ")";
      // A 24 px target around the 18 px dot (WCAG 2.5.8).
      var marker = L.marker([point.lat, point.lon], {
        icon: L.divIcon({ className: "coaching-marker", html: span, iconSize: [24, 24], iconAnchor: [12, 12] }),
        title: name,
        keyboard: true
      }).addTo(map);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
      if (keyboard) keyboard.marker(marker, name);
    });
    return map;
  }

  var map = null;

  function showIfVisible() {
    var element = document.getElementById("coaching-map");
    if (!element || element.offsetParent === null) return;
    if (map) {
      map.invalidateSize();
    } else {
      map = setUp(element) || null;
    }
  }

  function start() {
    showIfVisible();
    var layout = document.getElementById("coaching-where");
    if (layout) layout.addEventListener("baz:viewchange", showIfVisible);
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 48rem)");
      if (wide.addEventListener) wide.addEventListener("change", showIfVisible);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
