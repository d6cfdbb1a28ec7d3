// Enhancements for the reflection tool; every step also works without JavaScript.
// - the municipality field suggests names from /gemeenten/zoeken/ (a native datalist);
// - the error summary gets focus, so a screen reader reads what is missing;
// - "Kopieer de link" and "Druk het overzicht af" buttons appear.
(function () {
  "use strict";

  function setUpLookup(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "_suggesties";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === lastQuery) return;
        lastQuery = query;
        var url = input.getAttribute("data-municipality-lookup") + "?q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" } })
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
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }

  function setUpCopy(button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.querySelector("[data-copy-status]");
    if (!input || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) status.textContent = "De link is gekopieerd.";
      }, function () {
        input.select();
        if (status) status.textContent = "Kopiëren lukte niet. De link is geselecteerd: kopieer hem zelf.";
      });
    });
  }

  function setUp() {
    document.querySelectorAll("input[data-municipality-lookup]").forEach(setUpLookup);
    document.querySelectorAll("[data-copy-target]").forEach(setUpCopy);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var summary = document.getElementById("foutmeldingen");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
