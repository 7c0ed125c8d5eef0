/* Lore: the glossary for readers on touch screens and in the A-Z index.
   A tap on a term shows its definition, as a hover does with a mouse; a second tap
   opens the term's page. The A-Z index gets a filter box. */
(function () {
  "use strict";
  var lastPointer = "mouse", open = null;

  // Material's tooltip (content.tooltips) shows on focus, which a tap gives; Lore's own shows with --tapped.
  function close() {
    if (open) open.classList.remove("lore-term--tapped");
    open = null;
  }
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.lore-term");
    if (!term) { close(); return; }
    if (lastPointer !== "touch" || term === open) return;  // a mouse, a keyboard or a second tap: follow the link
    event.preventDefault();
    close();
    open = term;
    term.classList.add("lore-term--tapped");
    term.focus();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });

  function filterIndex(root) {
    if (root.querySelector(".lore-glossary__filter")) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "lore-glossary__filter md-input";
    input.placeholder = "Filter terms";
    input.setAttribute("aria-label", "Filter the glossary");
    var status = document.createElement("p");
    status.className = "lore-glossary__status";
    status.setAttribute("aria-live", "polite");
    root.insertBefore(status, root.firstChild);
    root.insertBefore(input, status);
    var rows = Array.prototype.map.call(root.querySelectorAll(".lore-glossary__terms dt"), function (dt) {
      var dd = dt.nextElementSibling;
      return { dt: dt, dd: dd, text: (dt.textContent + " " + (dd ? dd.textContent : "")).toLowerCase() };
    });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (row) {
        var hit = words.every(function (w) { return row.text.indexOf(w) >= 0; });
        row.dt.hidden = !hit;
        if (row.dd) row.dd.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      root.querySelectorAll(".lore-glossary__terms").forEach(function (list) {
        var heading = list.previousElementSibling;
        var empty = !list.querySelector("dt:not([hidden])");
        list.hidden = empty;
        if (heading && heading.tagName === "H2") heading.hidden = empty;
      });
      status.textContent = words.length ? (shown ? shown + (shown === 1 ? " term" : " terms") : "No term matches \u201c" + input.value + "\u201d.") : "";
    });
  }
  function start() { close(); document.querySelectorAll(".lore-glossary").forEach(filterIndex); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
