/* Lore: "Explore incidents", faceted search over stories with Pagefind's JS API.
   The index and this script are served by the site itself. */
(function () {
  "use strict";
  var FACETS = ["service", "kind", "year", "tag", "severity"];
  var NAMES = { service: "Service", kind: "Kind", year: "Year", tag: "Tag", severity: "Severity" };
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function mount(root) {
    if (root.dataset.loreMounted) return;
    root.dataset.loreMounted = "1";
    var bundle = new URL(root.dataset.bundle, location.href).href;
    var siteBase = new URL(root.dataset.base || "./", location.href).pathname;
    import(bundle + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: siteBase }).then(function () {
        return pagefind.filters();
      }).then(function (all) { return build(root, pagefind, all || {}); });
    }).catch(function () {
      root.appendChild(el("p", { "class": "lore-explore__notice" },
        "The explorer's index is missing. It is made by Pagefind at the end of `mkdocs build` " +
        "(and `mkdocs serve`) when the Python package pagefind is installed; see the build log."));
    });
  }
  function build(root, pagefind, allFilters) {
    var input = el("input", { type: "search", "class": "lore-explore__input", placeholder: "Search the stories", "aria-label": "Search the stories" });
    var facetsBox = el("div", { "class": "lore-explore__facets" });
    var status = el("p", { "class": "lore-explore__status", "aria-live": "polite" });
    var results = el("ol", { "class": "lore-explore__results" });
    var layout = el("div", { "class": "lore-explore__layout" });
    var main = el("div", { "class": "lore-explore__main" });
    main.appendChild(input); main.appendChild(status); main.appendChild(results);
    layout.appendChild(facetsBox); layout.appendChild(main);
    root.appendChild(layout);
    var selected = {};
    var timer = null, generation = 0, PAGE = 8, shown = PAGE;
    var more = el("button", { type: "button", "class": "md-button lore-explore__more" }, "Show more");
    more.hidden = true;
    more.addEventListener("click", function () { shown += PAGE; run(true); });
    main.appendChild(more);

    function filters() {
      var out = {};
      Object.keys(selected).forEach(function (facet) {
        var values = Object.keys(selected[facet]).filter(function (v) { return selected[facet][v]; });
        if (values.length) out[facet] = { any: values };
      });
      return out;
    }
    function renderFacets(counts, totals) {
      while (facetsBox.firstChild) facetsBox.removeChild(facetsBox.firstChild);
      FACETS.forEach(function (facet) {
        var all = totals[facet] || {};
        var values = Object.keys(all);
        if (!values.length) return;
        values.sort(facet === "year" ? function (a, b) { return b.localeCompare(a); } : function (a, b) { return a.localeCompare(b); });
        var group = el("fieldset", { "class": "lore-explore__facet", "data-facet": facet });
        group.appendChild(el("legend", {}, NAMES[facet]));
        values.forEach(function (value) {
          var label = el("label");
          var box = el("input", { type: "checkbox", value: value });
          box.checked = !!(selected[facet] && selected[facet][value]);
          box.addEventListener("change", function () {
            selected[facet] = selected[facet] || {};
            selected[facet][value] = box.checked;
            run(false);
          });
          var count = (counts[facet] || {})[value] || 0;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value + " "));
          label.appendChild(el("span", { "class": "lore-explore__count" }, String(count)));
          group.appendChild(label);
        });
        facetsBox.appendChild(group);
      });
    }
    function run(keep) {
      if (!keep) shown = PAGE;
      var mine = ++generation;
      var term = input.value.trim();
      if (!term && !Object.keys(filters()).length) {
        // An empty search would fetch every index chunk: wait for a word or a filter.
        renderFacets(allFilters, allFilters);
        while (results.firstChild) results.removeChild(results.firstChild);
        status.textContent = "Type a word, or choose a filter.";
        more.hidden = true;
        return;
      }
      pagefind.search(term || null, { filters: filters() }).then(function (search) {
        if (mine !== generation || !search) return;
        renderFacets(search.filters || allFilters, allFilters);
        var n = search.results.length;
        status.textContent = n + (root.dataset.scope === "site" ? (n === 1 ? " result" : " results") : (n === 1 ? " story" : " stories"));
        // Each result's data is a separate small fetch: load a page of them, more on demand.
        return Promise.all(search.results.slice(0, shown).map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== generation) return;
          while (results.firstChild) results.removeChild(results.firstChild);
          items.forEach(function (item) {
            var li = el("li", { "class": "lore-explore__result" });
            var line = el("p", { "class": "lore-entry__line" });
            if (item.meta && item.meta.date) {  // pages that are not stories have no date
              line.appendChild(el("time", {}, item.meta.date));
              line.appendChild(document.createTextNode(" "));
            }
            line.appendChild(el("a", { href: item.url, "class": "lore-entry__title" }, (item.meta && item.meta.title) || item.url));
            if (item.meta && item.meta.kind) { line.appendChild(document.createTextNode(" ")); line.appendChild(el("span", { "class": "lore-badge" }, item.meta.kind)); }
            li.appendChild(line);
            if (item.meta && item.meta.summary) li.appendChild(el("p", { "class": "lore-entry__summary" }, item.meta.summary));
            else if (item.excerpt) li.appendChild(excerpt(item.excerpt));
            results.appendChild(li);
          });
          more.hidden = search.results.length <= shown;
        });
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(false); }, 150); });
    // Arriving from the header's search box: ?q=word.
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) input.value = asked;
    run(false);
  }
  // Pagefind's excerpt is HTML with <mark> around the words found: keep the text and the marks, nothing else.
  function excerpt(html) {
    var inert = document.createElement("template");
    inert.innerHTML = html;
    var out = el("p", { "class": "lore-entry__summary lore-explore__excerpt" });
    inert.content.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent || ""));
    });
    return out;
  }
  // With Material's search switched off, the header gets a search box that opens the explorer.
  function headerSearch() {
    var meta = document.querySelector('meta[name="lore-explore"]');
    var header = document.querySelector(".md-header__inner");
    if (!meta || !header || header.querySelector(".lore-header-search")) return;
    var form = el("form", { "class": "lore-header-search", role: "search", action: meta.getAttribute("content") });
    form.appendChild(el("input", { type: "search", name: "q", placeholder: "Search", "aria-label": "Search the site" }));
    var anchor = header.querySelector(".md-header__source");
    header.insertBefore(form, anchor);
  }
  function start() { headerSearch(); document.querySelectorAll(".lore-explore").forEach(mount); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
