/* Lore: "Explore incidents", faceted search over stories with Pagefind's JS API.
   The index and this script are served by the site itself. */
(function () {
  "use strict";
  var FACETS = ["kind", "service", "severity", "year", "tag"];
  var NAMES = { service: "Service", kind: "Kind", year: "Year", tag: "Tag", severity: "Severity" };
  var PAGE = 10;    // results per page; each one is a small fetch of its own
  var SHORT = 8;    // values of a long facet shown before "Show all"
  var PHONE = window.matchMedia("(max-width: 44.9375em)");
  var NEWEST = { date: "desc" };
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // The query and the chosen values live in the address (?q=word&kind=Near+miss&tag=a&tag=b), so a view can be shared.
  // Material's search opens itself over the page for a ?q=, so beside it the words go in ?words= (?q= is still read).
  function wordParam() { return document.querySelector('[data-md-component="search"]') ? "words" : "q"; }
  function readUrl() {
    var params = new URLSearchParams(location.search), chosen = {};
    FACETS.forEach(function (facet) {
      var values = params.getAll(facet).filter(Boolean);
      if (values.length) chosen[facet] = values;
    });
    return { q: params.get(wordParam()) || params.get("q") || "", chosen: chosen };
  }
  function writeUrl(q, chosen) {
    var params = new URLSearchParams(location.search);
    ["q", "words"].concat(FACETS).forEach(function (k) { params.delete(k); });
    if (q) params.set(wordParam(), q);
    FACETS.forEach(function (facet) { (chosen[facet] || []).forEach(function (v) { params.append(facet, v); }); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  }

  function mount(root) {
    if (root.dataset.loreMounted) return;
    root.dataset.loreMounted = "1";
    var bundle = new URL(root.dataset.bundle, location.href).href;
    var siteBase = new URL(root.dataset.base || "./", location.href).pathname;
    // The box, the filters' names and the status are drawn at once; Pagefind fills them in as it loads.
    var ui = skeleton(root), state = readUrl();
    ui.input.value = state.q;
    import(bundle + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: siteBase }).then(function () { explorer(root, ui, pagefind, state); });
    }).catch(function () {
      ui.layout.hidden = true;  // a box that cannot search
      root.insertBefore(el("p", { "class": "lore-explore__notice" },
        "The explorer's index is missing. It is made by Pagefind at the end of `mkdocs build` " +
        "(and `mkdocs serve`) when the Python package pagefind is installed; see the build log."), root.firstChild);
    });
  }

  function skeleton(root) {
    var ui = {
      layout: el("div", { "class": "lore-explore__layout" }),
      search: el("div", { "class": "lore-explore__search" }),
      input: el("input", { type: "search", "class": "lore-explore__input", placeholder: "Search the stories",
                           "aria-label": "Search the stories", autocomplete: "off", spellcheck: "false" }),
      facets: el("div", { "class": "lore-explore__facets", role: "group", "aria-label": "Filters", "aria-busy": "true" }),
      main: el("div", { "class": "lore-explore__main" }),
      bar: el("div", { "class": "lore-explore__bar" }),
      status: el("p", { "class": "lore-explore__status", "aria-live": "polite" }, "Loading the index…"),
      reset: el("button", { type: "button", "class": "lore-explore__clear" }, "Clear filters"),
      results: el("ol", { "class": "lore-list lore-explore__results", "aria-busy": "true" }),
      more: el("button", { type: "button", "class": "md-button lore-explore__more" }, "Show more"),
      groups: {}
    };
    ui.reset.hidden = ui.more.hidden = true;
    ui.search.appendChild(ui.input);
    FACETS.forEach(function (facet) { ui.groups[facet] = facetGroup(ui.facets, facet); });
    ui.bar.appendChild(ui.status); ui.bar.appendChild(ui.reset);
    [ui.bar, ui.results, ui.more].forEach(function (n) { ui.main.appendChild(n); });
    [ui.search, ui.facets, ui.main].forEach(function (n) { ui.layout.appendChild(n); });
    root.appendChild(ui.layout);
    // Open beside the results on a wide screen; on a phone, one row of names that open one at a time.
    var fit = function () {
      Object.keys(ui.groups).forEach(function (f) {
        var details = ui.groups[f].details;
        details.open = !PHONE.matches;
        if (PHONE.matches) details.setAttribute("name", "lore-explore-facet"); else details.removeAttribute("name");
      });
    };
    fit();
    if (PHONE.addEventListener) PHONE.addEventListener("change", fit);
    return ui;
  }

  function facetGroup(parent, facet) {
    var g = { facet: facet, options: {}, expanded: false };
    g.details = el("details", { "class": "lore-explore__facet", "data-facet": facet });
    var summary = el("summary", { "class": "lore-explore__name" }, NAMES[facet]);
    g.badge = el("span", { "class": "lore-explore__chosen" });
    g.badge.hidden = true;
    summary.appendChild(g.badge);
    g.list = el("fieldset", { "class": "lore-explore__values", "data-facet": facet, "aria-label": NAMES[facet] });
    g.toggle = el("button", { type: "button", "class": "lore-explore__all", "aria-expanded": "false" });
    g.toggle.hidden = true;
    g.details.appendChild(summary); g.details.appendChild(g.list); g.details.appendChild(g.toggle);
    parent.appendChild(g.details);
    return g;
  }

  // One explorer's state; the functions below take it as x.
  function explorer(root, ui, pagefind, state) {
    var x = {
      ui: ui, pagefind: pagefind, chosen: state.chosen, site: root.dataset.scope === "site",
      stories: root.dataset.scope === "stories",  // the header searches the whole site; this view, the stories
      every: /^[a-z]+$/.test(root.dataset.every || "") ? root.dataset.every : null,  // it lands in a RegExp
      generation: 0, shown: PAGE, last: null, ready: false
    };
    var timer = null;
    ui.input.addEventListener("input", function () {
      ui.results.setAttribute("aria-busy", "true");  // what is shown is for the words before
      clearTimeout(timer);
      timer = setTimeout(function () { run(x); }, 150);
    });
    ui.more.addEventListener("click", function () { var from = x.shown; x.shown += PAGE; page(x, x.generation, from); });
    ui.reset.addEventListener("click", function () {
      FACETS.forEach(function (f) { delete x.chosen[f]; badge(ui.groups[f], 0); });
      run(x);
      ui.input.focus();
    });
    FACETS.forEach(function (f) { badge(ui.groups[f], (x.chosen[f] || []).length); });
    run(x);
    // Loading every filter's values takes the longest: the results do not wait for it.
    pagefind.filters().then(function (all) {
      FACETS.forEach(function (f) {
        fill(ui.groups[f], (all || {})[f] || {}, x.chosen[f] || [], function (value, on) { choose(x, f, value, on); });
      });
      x.ready = true;
      if (x.last) recount(x, x.generation);
    });
  }
  function filtersOf(chosen, skip) {
    var out = {};
    FACETS.forEach(function (f) { if (f !== skip && chosen[f] && chosen[f].length) out[f] = { any: chosen[f].slice() }; });
    return out;
  }
  // No word yet: the stories, newest first, found through the word each of them is indexed with (plugin.py),
  // since Pagefind 1.5 fetches every chunk of the index for an empty search.
  function query(x, term, chosen) {
    var filters = x.stories ? Object.assign({ lore: "story" }, chosen) : chosen;
    if (term) return x.pagefind.search(term, { filters: filters });
    return x.pagefind.search(x.every, { filters: filters, sort: NEWEST }).then(function (found) {
      if (!x.every || !found || found.results.length || Object.keys(chosen).length) return found;
      return x.pagefind.search(null, { filters: filters, sort: NEWEST });  // a bundle indexed without that word
    });
  }
  function run(x) {
    var ui = x.ui, mine = ++x.generation, term = ui.input.value.trim(), filters = filtersOf(x.chosen);
    writeUrl(term, x.chosen);
    ui.reset.hidden = !Object.keys(filters).length;
    ui.results.setAttribute("aria-busy", "true");
    ui.facets.setAttribute("aria-busy", "true");
    query(x, term, filters).then(function (found) {
      if (mine !== x.generation || !found) return;
      x.last = { found: found, term: term, counted: x.ready };  // made before the filters loaded: it counts only some
      x.shown = PAGE;
      ui.status.textContent = describe(x.site, found.results.length, term, Object.keys(filters).length);
      return page(x, mine, 0).then(function () { if (x.ready) return recount(x, mine); });
    }).catch(function () {
      if (mine !== x.generation) return;
      ui.status.textContent = "The search failed; reload the page to try again.";
      ui.results.setAttribute("aria-busy", "false");
    });
  }
  function describe(site, n, term, narrowed) {
    var noun = site && term ? (n === 1 ? " result" : " results") : (n === 1 ? " story" : " stories");
    if (n) return n + noun + (term ? "" : ", newest first");
    if (!term && !narrowed) return "No stories yet.";
    return "Nothing matches" + (narrowed ? ": remove a filter" + (term ? " or try other words." : ".") : ": try other words.");
  }
  function page(x, mine, from) {
    var ui = x.ui, results = x.last.found.results, term = x.last.term;
    return Promise.all(results.slice(from, x.shown).map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== x.generation) return;
      if (!from) clear(ui.results);
      items.forEach(function (item) { ui.results.appendChild(entry(item, term, x.every)); });
      ui.more.hidden = results.length <= x.shown;
      ui.results.setAttribute("aria-busy", "false");
    });
  }
  // A facet's own values widen the search: count them as if none of them were chosen, the others as they are.
  function recount(x, mine) {
    var term = x.last.term, own = {};
    var picked = FACETS.filter(function (f) { return x.chosen[f] && x.chosen[f].length; });
    var base = x.last.counted ? Promise.resolve(x.last.found) : query(x, term, filtersOf(x.chosen));
    return Promise.all([base].concat(picked.map(function (f) {
      return query(x, term, filtersOf(x.chosen, f)).then(function (found) { own[f] = (found && found.filters[f]) || {}; });
    }))).then(function (done) {
      var counts = Object.assign({}, done[0] && done[0].filters, own);
      if (mine !== x.generation) return;
      FACETS.forEach(function (f) { show(x.ui.groups[f], counts[f] || {}, x.chosen[f] || []); });
      x.ui.facets.setAttribute("aria-busy", "false");
    });
  }
  function choose(x, facet, value, on) {
    var values = (x.chosen[facet] || []).filter(function (v) { return v !== value; });
    if (on) values.push(value);
    if (values.length) x.chosen[facet] = values; else delete x.chosen[facet];
    badge(x.ui.groups[facet], values.length);
    run(x);
  }

  function badge(g, n) {
    clear(g.badge);
    g.badge.hidden = !n;
    if (!n) return;
    g.badge.appendChild(document.createTextNode(String(n)));
    g.badge.appendChild(el("span", { "class": "lore-explore__sr" }, " chosen"));
  }
  function fill(g, totals, mine, choose) {
    var values = Object.keys(totals);
    mine.forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });  // from an old link: kept so it can be unchosen
    values.sort(g.facet === "year" ? function (a, b) { return b.localeCompare(a); }
                                   : function (a, b) { return a.localeCompare(b, undefined, { numeric: true }); });
    g.order = values;
    values.forEach(function (value) {
      var row = el("label", { "class": "lore-explore__option" });
      var box = el("input", { type: "checkbox", value: value });
      var count = el("span", { "class": "lore-explore__count" });
      box.checked = mine.indexOf(value) >= 0;
      box.addEventListener("change", function () { choose(value, box.checked); });
      row.appendChild(box);
      row.appendChild(el("span", { "class": "lore-explore__value" }, value));
      row.appendChild(count);
      g.list.appendChild(row);
      g.options[value] = { row: row, box: box, count: count };
    });
    g.toggle.addEventListener("click", function () { g.expanded = !g.expanded; show(g, g.counts, g.mine); });
    show(g, totals, mine);
  }
  // Counts are updated in place: only a long facet's order changes, and only when its counts do.
  function show(g, counts, mine) {
    if (!g.order) return;
    g.counts = counts; g.mine = mine;
    var live = g.order.filter(function (v) { return counts[v] > 0 || mine.indexOf(v) >= 0; });
    var long = live.length > SHORT + 2;
    if (long) live.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || g.order.indexOf(a) - g.order.indexOf(b); });
    var visible = long && !g.expanded
      ? live.slice(0, SHORT).concat(live.slice(SHORT).filter(function (v) { return mine.indexOf(v) >= 0; })) : live;
    var wanted = live.concat(g.order.filter(function (v) { return live.indexOf(v) < 0; }));
    var now = Array.prototype.map.call(g.list.children, function (row) { return row.querySelector("input").value; });
    if (wanted.join("\n") !== now.join("\n")) wanted.forEach(function (v) { g.list.appendChild(g.options[v].row); });
    g.order.forEach(function (v) {
      var o = g.options[v];
      o.row.hidden = visible.indexOf(v) < 0;
      o.count.textContent = String(counts[v] || 0);
      o.box.checked = mine.indexOf(v) >= 0;
    });
    g.toggle.hidden = !long;
    g.toggle.textContent = g.expanded ? "Show fewer" : "Show all " + live.length;
    g.toggle.setAttribute("aria-expanded", String(!!g.expanded));
    g.details.hidden = !live.length;
  }

  function entry(item, term, every) {
    var meta = item.meta || {};
    var kind = /^[a-z0-9-]+$/.test(meta.kind_id || "") ? meta.kind_id : "";  // it lands in a class name
    var li = el("li", { "class": "lore-entry lore-explore__result" + (kind ? " lore-entry--" + kind : "") });
    var line = el("p", { "class": "lore-entry__line" });
    if (meta.date) {  // pages that are not stories have no date
      line.appendChild(el("time", { datetime: meta.date }, meta.date));
      line.appendChild(document.createTextNode(" "));
    }
    var href = new URL(item.url, location.href);
    line.appendChild(el("a", { href: /^https?:$/.test(href.protocol) ? item.url : "#", "class": "lore-entry__title" },
                        meta.title || item.url));
    if (meta.kind) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", { "class": "lore-badge" + (kind ? " lore-badge--" + kind : "") }, meta.kind));
    }
    if (meta.services) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", { "class": "lore-entry__services" }, meta.services));
    }
    li.appendChild(line);
    if (meta.summary) li.appendChild(el("p", { "class": "lore-entry__summary" }, meta.summary));
    else if (term && item.excerpt) li.appendChild(excerpt(item.excerpt, every));
    return li;
  }
  // Pagefind's excerpt is HTML with <mark> around the words found: keep the text and the marks, nothing else,
  // and not the word every story is indexed with.
  function excerpt(html, every) {
    var inert = document.createElement("template");
    inert.innerHTML = html;
    var out = el("p", { "class": "lore-entry__summary lore-explore__excerpt" });
    var hide = every ? new RegExp("\\b" + every + "\\b", "g") : null;
    inert.content.childNodes.forEach(function (node) {
      var text = node.textContent || "";
      if (hide) text = text.replace(hide, "");
      out.appendChild(node.nodeName === "MARK" ? el("mark", {}, text) : document.createTextNode(text));
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
