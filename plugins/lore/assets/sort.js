/* Lore: sortable tables (click a heading; again to reverse). No dependencies. */
(function () {
  function key(cell, type) {
    var text = cell.textContent.trim();
    return type === "number" ? parseFloat(text) || 0 : text.toLowerCase();
  }
  function enhance(table) {
    if (table.dataset.loreSortable) return;
    table.dataset.loreSortable = "1";
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("role", "button");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var type = th.dataset.sort || "text";
        var current = th.getAttribute("aria-sort");
        // First click: counts from the most, words from A and dates from the oldest; again to reverse.
        var ascending = current === "none" ? type !== "number" : current !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], type), y = key(b.cells[column], type);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }
  function run() { document.querySelectorAll("table.lore-sortable").forEach(enhance); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
