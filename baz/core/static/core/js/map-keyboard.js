// Maps by keyboard, for every Leaflet map of the site (the atlas, "waar is BAZ actief").
// Leaflet makes a marker focusable (keyboard: true) and opens its popup with Enter only; this
// adds a name for screen readers, Space as well as Enter, focus inside an opened popup,
// Escape to close it, and focus back on the marker afterwards. The list next to every map
// stays the complete answer; this only makes the map itself usable without a mouse.
(function () {
  "use strict";

  function isActivation(event) {
    return event.key === "Enter" || event.key === " " || event.key === "Spacebar";
  }

  // Give a marker (already on the map) a name, and run `activate` on Enter or Space.
  // Without `activate` the marker opens its popup.
  function keyboardMarker(marker, label, activate) {
    var element = marker.getElement();
    if (!element) return;
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", label);
    element.addEventListener("keydown", function (event) {
      if (isActivation(event)) {
        // Also stops Leaflet's own keypress handler from opening the popup a second time.
        event.preventDefault();
        event.stopPropagation();
        if (activate) {
          activate(marker);
        } else if (marker.getPopup()) {
          marker.openPopup();
        }
      } else if (event.key === "Escape" && marker.isPopupOpen && marker.isPopupOpen()) {
        event.preventDefault();
        marker.closePopup();
      }
    });
  }

  // Popups of this map: focus moves into an opened popup, Escape closes it, and focus returns
  // to the marker it came from. The close button gets a Dutch name.
  function keyboardPopups(map, closeLabel) {
    var source = null;
    map.on("popupopen", function (event) {
      var popup = event.popup;
      var element = popup.getElement();
      source = popup._source || null;
      if (!element) return;
      var close = element.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", closeLabel);
        close.setAttribute("title", closeLabel);
      }
      element.addEventListener("keydown", function (keyEvent) {
        if (keyEvent.key === "Escape") {
          keyEvent.preventDefault();
          keyEvent.stopPropagation();
          map.closePopup(popup);
        }
      });
      var sourceElement = source && source.getElement && source.getElement();
      if (sourceElement && document.activeElement === sourceElement) {
        var target = element.querySelector(".leaflet-popup-content a, .leaflet-popup-content button");
        if (target) target.focus();
      }
    });
    map.on("popupclose", function (event) {
      var element = event.popup.getElement();
      var marker = source;
      source = null;
      var active = document.activeElement;
      var lost = !active || active === document.body || (element && element.contains(active));
      var markerElement = marker && marker.getElement && marker.getElement();
      if (lost && markerElement && document.body.contains(markerElement)) markerElement.focus();
    });
  }

  window.bazMapKeyboard = { marker: keyboardMarker, popups: keyboardPopups };
})();
