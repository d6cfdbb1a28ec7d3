// Inspireer elkaar: the atlas map and the small map on an entry page. No inline scripts: the
// Content-Security-Policy is script-src 'self'. Leaflet comes from django-leaflet's static files.
// The map asks /api/v1/map for the visible bounding box and zoom with the list's filters and
// draws points (few results) or grid clusters with counts (many results). Everything works
// without tiles: they are decoration; markers and the list do not depend on them.
(function () {
  "use strict";

  var BELGIUM = [[49.45, 2.5], [51.55, 6.45]];

  function addTiles(map, element) {
    var url = element.getAttribute("data-tile-url");
    if (url) {
      L.tileLayer(url, {
        maxZoom: 19,
        attribution: element.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
  }

  function labelContainer(map, element) {
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", element.getAttribute("data-label") || "Kaart");
  }

  function pointIcon(exact) {
    return L.divIcon({
      className: "",
      html: '<span class="atlas-point' + (exact ? "" : " atlas-point--area") + '"></span>',
      iconSize: [14, 14],
      iconAnchor: [7, 7]
    });
  }

  function clusterIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 56;
    var span = document.createElement("span");
    span.className = "atlas-cluster";
    span.style.width = size + "px";
    span.style.height = size + "px";
    span.textContent = count >= 1000 ? Math.round(count / 100) / 10 + "k" : String(count);
    return L.divIcon({ className: "", html: span, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }

  function setUpAtlasMap(element) {
    var map = L.map(element, { scrollWheelZoom: false });
    labelContainer(map, element);
    addTiles(map, element);
    map.fitBounds(BELGIUM);
    var layer = L.layerGroup().addTo(map);
    var apiUrl = element.getAttribute("data-api");
    var requestNumber = 0;

    function currentQuery() {
      var results = document.querySelector("#atlas-results [data-map-query]");
      return results ? results.getAttribute("data-map-query") : "";
    }

    function refresh() {
      var bounds = map.getBounds();
      var bbox = [
        Math.max(bounds.getWest(), -180), Math.max(bounds.getSouth(), -90),
        Math.min(bounds.getEast(), 180), Math.min(bounds.getNorth(), 90)
      ].map(function (n) { return n.toFixed(5); }).join(",");
      var query = currentQuery();
      var url = apiUrl + "?" + (query ? query + "&" : "") + "bbox=" + bbox + "&zoom=" + map.getZoom();
      var mine = ++requestNumber;
      fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || mine !== requestNumber) return;
          draw(data);
        })
        .catch(function () { /* the list stays the complete answer */ });
    }

    function draw(data) {
      layer.clearLayers();
      data.features.forEach(function (feature) {
        var coords = feature.geometry.coordinates;
        var latlng = L.latLng(coords[1], coords[0]);
        var props = feature.properties;
        if (props.cluster) {
          var cluster = L.marker(latlng, { icon: clusterIcon(props.count), keyboard: false });
          cluster.on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 18)); });
          layer.addLayer(cluster);
        } else {
          var marker = L.marker(latlng, { icon: pointIcon(props.exact), keyboard: false, title: props.name });
          var link = document.createElement("a");
          link.href = props.url;
          link.textContent = props.name;
          marker.bindPopup(link);
          layer.addLayer(marker);
        }
      });
    }

    map.on("moveend", refresh);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (event.detail && event.detail.target && event.detail.target.id === "atlas-results") {
        refresh();
      }
    });
    refresh();
  }

  function setUpMiniMap(element) {
    var lat = parseFloat(element.getAttribute("data-lat"));
    var lon = parseFloat(element.getAttribute("data-lon"));
    if (isNaN(lat) || isNaN(lon)) return;
    var exact = element.getAttribute("data-exact") === "true";
    var map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], exact ? 15 : 12);
    labelContainer(map, element);
    addTiles(map, element);
    L.marker([lat, lon], { icon: pointIcon(exact), keyboard: false }).addTo(map);
  }

  // Type-ahead for the municipality field: fills a <datalist> from /gemeenten/zoeken/.
  // Without JavaScript the same field takes a name or a postal code as plain text.
  function setUpTypeAhead() {
    var input = document.querySelector("input[data-lookup-url]");
    var list = document.getElementById("atlas-gemeenten");
    if (!input || !list) return;
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var value = input.value.trim();
      if (value.length < 2) return;
      timer = window.setTimeout(function () {
        fetch(input.getAttribute("data-lookup-url") + "?q=" + encodeURIComponent(value))
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.results.forEach(function (result) {
              var option = document.createElement("option");
              option.value = result.name;
              option.label = result.label;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  }

  // After an htmx swap, say how many results there are now (the list itself is replaced).
  function setUpAnnouncements() {
    var live = document.getElementById("atlas-announce");
    if (!live) return;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (!event.detail || !event.detail.target || event.detail.target.id !== "atlas-results") return;
      var title = document.getElementById("atlas-results-title");
      if (title) live.textContent = title.textContent.trim();
    });
  }

  function start() {
    setUpTypeAhead();
    setUpAnnouncements();
    if (typeof L === "undefined") return;
    var atlas = document.getElementById("atlas-map");
    if (atlas && window.getComputedStyle(atlas.parentNode).display !== "none") setUpAtlasMap(atlas);
    document.querySelectorAll(".atlas-mini-map").forEach(setUpMiniMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
