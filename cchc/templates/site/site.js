/* cchc site: filters for tables (search without diacritics) and calendar links. Pages work without it. */
(function () {
  "use strict";

  /* As cchc.text.fold: đ→d, marks dropped, lower case, one space between words. */
  function fold(text) {
    return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-filter"));
    if (!table || !table.tBodies.length) { return; }
    var input = form.querySelector("input");
    var select = form.querySelector("select");
    var output = form.querySelector("output");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function apply() {
      var query = fold(input.value);
      var state = select ? select.value : "";
      var filtering = query !== "" || state !== "";
      var shown = 0;
      var total = 0;
      var sections = {};
      rows.forEach(function (row) {
        var kind = row.getAttribute("data-kind") || "item";
        if (kind !== "item") { return; }
        total += 1;
        var key = row.getAttribute("data-key") || "";
        var match = key.indexOf(query) !== -1 && (!state || row.getAttribute("data-state") === state);
        row.hidden = !match;
        if (match) {
          shown += 1;
          sections[row.getAttribute("data-section")] = true;
        }
      });
      rows.forEach(function (row) {
        var kind = row.getAttribute("data-kind");
        if (kind === "section") {
          row.hidden = filtering && !sections[row.getAttribute("data-index")];
        } else if (kind === "group") {
          var key = row.getAttribute("data-key") || "";
          row.hidden = filtering && (state !== "" || key.indexOf(query) === -1);
        }
      });
      if (output) { output.textContent = filtering ? "Hiện " + shown + "/" + total : total + " dòng"; }
    }

    form.hidden = false;
    input.addEventListener("input", apply);
    if (select) { select.addEventListener("change", apply); }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  /* On a web server, calendar links open the calendar app (webcal:) and show the address to subscribe to. */
  function webcal(link) {
    var url = new URL(link.getAttribute("href"), window.location.href);
    var address = document.createElement("code");
    address.textContent = url.href;
    link.parentNode.appendChild(address);
    link.href = "webcal://" + url.host + url.pathname;
  }

  document.querySelectorAll("form[data-filter]").forEach(setup);
  if (window.location.protocol === "https:" || window.location.protocol === "http:") {
    document.querySelectorAll("a[data-webcal]").forEach(webcal);
  }
}());
