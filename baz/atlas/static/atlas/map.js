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

  // A point is drawn 14 px wide but is a 24 px target (WCAG 2.5.8).
  var POINT_TARGET = 24;

  function pointIcon(exact) {
    return L.divIcon({
      className: "",
      html: '<span class="atlas-point' + (exact ? "" : " atlas-point--area") + '"></span>',
      iconSize: [POINT_TARGET, POINT_TARGET],
      iconAnchor: [POINT_TARGET / 2, POINT_TARGET / 2]
    });
  }

  function clusterSize(count) {
    return count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 56;
  }

  function clusterIcon(count) {
    var size = clusterSize(count);
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
    var popupOpen = false;
    var movedWhilePopupOpen = false;
    var keyboard = window.bazMapKeyboard;
    if (keyboard) keyboard.popups(map, element.getAttribute("data-label-close") || "Sluiten");

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

    // Where the keyboard focus is on the map (a marker or a cluster), so that it lands on the
    // nearest marker or cluster again after the layer is redrawn.
    function focusedLatLng() {
      var found = null;
      layer.eachLayer(function (item) {
        if (item.getElement() && item.getElement() === document.activeElement) found = item.getLatLng();
      });
      return found;
    }

    function focusNearest(latlng) {
      var best = null;
      var bestDistance = Infinity;
      layer.eachLayer(function (item) {
        var distance = map.distance(latlng, item.getLatLng());
        if (distance < bestDistance) { best = item; bestDistance = distance; }
      });
      if (best && best.getElement()) best.getElement().focus();
    }

    function zoomInto(cluster) {
      map.setView(cluster.getLatLng(), Math.min(map.getZoom() + 2, 18));
    }

    // Symbols that would overlap on the screen become one group, so every symbol stays a
    // target of its own that a finger (and the keyboard) can reach. The server's grid clusters
    // are counted in; points at the very same place (entries placed at their municipality)
    // become a group whose popup lists them.
    function groupOverlapping(features) {
      var groups = features.map(function (feature) {
        var coords = feature.geometry.coordinates;
        var props = feature.properties;
        var count = props.cluster ? props.count : 1;
        return {
          latlng: L.latLng(coords[1], coords[0]),
          count: count,
          entries: props.cluster ? [] : [props],
          latlngs: [L.latLng(coords[1], coords[0])],
          serverCluster: Boolean(props.cluster)
        };
      });
      function radius(group) {
        return group.count === 1 && !group.serverCluster ? POINT_TARGET / 2 : clusterSize(group.count) / 2;
      }
      // Passes over all pairs until none overlaps; each pass is O(n²) on screen points
      // computed once per group (the server sends at most a few hundred features).
      var points = groups.map(function (group) { return map.latLngToContainerPoint(group.latlng); });
      var merged = true;
      while (merged) {
        merged = false;
        for (var i = 0; i < groups.length; i++) {
          var a = groups[i];
          var j = i + 1;
          while (j < groups.length) {
            var b = groups[j];
            if (points[i].distanceTo(points[j]) >= radius(a) + radius(b)) {
              j++;
              continue;
            }
            var total = a.count + b.count;
            a.latlng = L.latLng(
              (a.latlng.lat * a.count + b.latlng.lat * b.count) / total,
              (a.latlng.lng * a.count + b.latlng.lng * b.count) / total
            );
            a.count = total;
            a.entries = a.entries.concat(b.entries);
            a.latlngs = a.latlngs.concat(b.latlngs);
            a.serverCluster = a.serverCluster || b.serverCluster;
            points[i] = map.latLngToContainerPoint(a.latlng);
            groups.splice(j, 1);
            points.splice(j, 1);
            merged = true;
          }
        }
      }
      return groups;
    }

    function entryLink(props) {
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = props.name;
      return link;
    }

    function samePlace(group) {
      var bounds = L.latLngBounds(group.latlngs);
      return map.distance(bounds.getSouthWest(), bounds.getNorthEast()) < 1;
    }

    function label(name, count) {
      var template = element.getAttribute(name) || "{count}";
      return template.replace("{count}", String(count));
    }

    function draw(data) {
      var keepFocus = focusedLatLng();
      layer.clearLayers();
      groupOverlapping(data.features).forEach(function (group) {
        var marker;
        var name;
        var activate = null;
        if (group.count === 1 && !group.serverCluster) {
          var props = group.entries[0];
          marker = L.marker(group.latlng, { icon: pointIcon(props.exact), keyboard: true, title: props.name });
          marker.bindPopup(entryLink(props));
          name = props.name;
        } else if (!group.serverCluster && samePlace(group)) {
          // Zooming in would not pull them apart: the popup lists them.
          marker = L.marker(group.latlng, { icon: clusterIcon(group.count), keyboard: true });
          var list = document.createElement("ul");
          list.className = "atlas-map__group";
          group.entries.forEach(function (props) {
            var item = document.createElement("li");
            item.appendChild(entryLink(props));
            list.appendChild(item);
          });
          marker.bindPopup(list);
          name = label("data-label-place", group.count);
        } else {
          marker = L.marker(group.latlng, { icon: clusterIcon(group.count), keyboard: true });
          if (group.serverCluster) {
            activate = zoomInto;
          } else {
            var bounds = L.latLngBounds(group.latlngs);
            activate = function () { map.fitBounds(bounds, { padding: [POINT_TARGET * 2, POINT_TARGET * 2], maxZoom: 18 }); };
          }
          marker.on("click", function () { activate(marker); });
          name = group.count === 1 ? label("data-label-cluster-one", 1) : label("data-label-cluster", group.count);
        }
        layer.addLayer(marker);
        var icon = marker.getElement();
        if (icon) icon.setAttribute("data-count", String(group.count));
        if (keyboard) keyboard.marker(marker, name, activate);
      });
      if (keepFocus) focusNearest(keepFocus);
    }

    map.on("popupopen", function () { popupOpen = true; });
    map.on("popupclose", function () {
      popupOpen = false;
      if (movedWhilePopupOpen) {
        movedWhilePopupOpen = false;
        refresh();
      }
    });
    map.on("moveend", function () {
      element.setAttribute("data-zoom", String(map.getZoom()));
      // Opening a popup may pan the map; redrawing then would close the popup at once.
      if (popupOpen) {
        movedWhilePopupOpen = true;
        return;
      }
      refresh();
    });
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (event.detail && event.detail.target && event.detail.target.id === "atlas-results") {
        refresh();
      }
    });
    element.setAttribute("data-zoom", String(map.getZoom()));
    refresh();
    return map;
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

  var WIDE = "(min-width: 64rem)";
  var atlasMap = null;

  function mapShown(element) {
    return element.offsetParent !== null;
  }

  function showAtlasMapIfVisible() {
    var element = document.getElementById("atlas-map");
    if (!element || typeof L === "undefined" || !mapShown(element)) return;
    if (atlasMap) {
      atlasMap.invalidateSize();
    } else {
      atlasMap = setUpAtlasMap(element);
    }
  }

  // The "Lijst / Kaart" switch (core/js/view-switch.js) changes the view in place: the map
  // draws itself once it shows, and filtering keeps the chosen view.
  function keepViewInForm(view) {
    var form = document.querySelector("#atlas-filters form");
    if (!form) return;
    var input = form.querySelector('input[name="weergave"]');
    if (view === "kaart") {
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "weergave";
        form.appendChild(input);
      }
      input.value = "kaart";
    } else if (input) {
      input.parentNode.removeChild(input);
    }
  }

  function setUpViews() {
    var layout = document.getElementById("atlas-layout");
    if (!layout) return;
    layout.addEventListener("baz:viewchange", function (event) {
      keepViewInForm(event.detail.view);
      showAtlasMapIfVisible();
    });
    if (window.matchMedia) {
      var query = window.matchMedia("(min-width: 48rem)");
      if (query.addEventListener) query.addEventListener("change", showAtlasMapIfVisible);
    }
  }

  // The filters: folded behind the "Filters" button on small screens (the HTML default, also
  // without JavaScript), open beside the results on wide ones. After filtering on a small
  // screen they fold again and focus goes to the number of results.
  function setUpFilters() {
    var details = document.getElementById("atlas-filters");
    if (!details) return;
    if (window.matchMedia && window.matchMedia(WIDE).matches) details.open = true;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (!event.detail || !event.detail.target || event.detail.target.id !== "atlas-results") return;
      var source = event.detail.requestConfig && event.detail.requestConfig.elt;
      if (!source || !details.contains(source)) return;
      if (window.matchMedia && window.matchMedia(WIDE).matches) return;
      details.open = false;
      var title = document.getElementById("atlas-results-title");
      if (title) title.focus();
    });
  }

  function start() {
    setUpTypeAhead();
    setUpAnnouncements();
    setUpFilters();
    setUpViews();
    if (typeof L === "undefined") return;
    showAtlasMapIfVisible();
    document.querySelectorAll(".atlas-mini-map").forEach(setUpMiniMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
