// "Waar is BAZ actief": the map of the municipalities in the list. No inline scripts: the
// Content-Security-Policy is script-src 'self'. Leaflet comes from django-leaflet's static
// files. The list on the page is the complete answer; the map adds nothing the list lacks.
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
      var marker = L.marker([point.lat, point.lon], {
        icon: L.divIcon({ className: "", html: span, iconSize: [18, 18], iconAnchor: [9, 9] }),
        title: point.name + " (" + (element.getAttribute("data-label-" + point.status) || point.status) + ")",
        alt: point.name
      }).addTo(map);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
    });
  }

  function start() {
    var element = document.getElementById("coaching-map");
    if (element) setUp(element);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
