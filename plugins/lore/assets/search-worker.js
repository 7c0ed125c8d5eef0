/* Material's search worker, answered by Pagefind.
 *
 * Material's header search talks to a web worker in four messages (0 setup,
 * 1 ready, 2 query, 3 result) and draws what comes back in its own dropdown,
 * with its own keyboard handling and highlighting. lore/explore points the
 * theme at this worker instead of Material's, so the header searches Pagefind's
 * chunked index and no site builds a second, whole-site index. The worker's
 * URL carries the Pagefind bundle's folder (?bundle=, relative to this file) and
 * the explorer's page (?explore=, relative to the site's root, as Material's
 * result locations are). Strings from the index are escaped here: Material
 * writes the title and text it receives as HTML.
 */
"use strict";
(function () {
  var params = new URL(self.location.href).searchParams;
  var bundle = new URL(params.get("bundle") || "../../pagefind/", self.location.href).href;
  var explore = params.get("explore");
  var SHOWN = 10;            // results loaded per query (Material shows ten at first); the explorer lists them all
  var pagefind = null;       // set once the index is initialised
  var pending = null;        // a query sent before the index loaded, answered once it has
  var latest = 0;
  var timer = null;
  var PAUSE = 200;           // ms without a key before a query is searched (Pagefind's own debounce is 300)

  function escape(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // Pagefind's excerpts are text with <mark> around the hits: keep the marks, escape the rest.
  function excerpt(html) {
    return String(html || "").split(/(<mark>|<\/mark>)/).map(function (part) {
      if (part === "<mark>" || part === "</mark>") return part;
      return escape(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
    }).join("");
  }
  function words(query) {
    return query.replace(/[*+\-:^~]+/g, " ").trim().split(/\s+/).filter(Boolean);
  }
  // Pagefind's URLs start at the site's root ("/incidents/…"); Material's are relative to its base.
  function location(url) {
    return url.replace(/^\//, "");
  }
  function documentsOf(data, terms, rank) {
    var title = (data.meta && data.meta.title) || data.url;
    var page = { location: location(data.url), title: escape(title),
                 text: "<p>" + excerpt(data.excerpt) + "</p>", score: rank, terms: terms };
    var sections = (data.sub_results || []).filter(function (s) {
      return s.url && s.url.indexOf("#") > 0;
    }).slice(0, 6).map(function (s, i) {
      // The first two sections show under the page, the rest fold into Material's "more on this page".
      return { location: location(s.url), title: escape(s.title), text: "<p>" + excerpt(s.excerpt) + "</p>",
               score: i < 2 ? rank : rank / 2, terms: terms };
    });
    return [page].concat(sections);
  }
  function toExplorer(query, count, terms) {
    if (!explore) return null;
    var target = explore + "?words=" + encodeURIComponent(query);
    var title = count === 1 ? "Explore the 1 result" : "Explore all " + count + " results";
    return [{ location: target, title: escape(title) + " \u203a",
              text: "<p>Filter them by service, kind, year, tag and severity.</p>", score: 0, terms: terms }];
  }
  function answer(id, query) {
    var list = words(query);
    if (!list.length) { self.postMessage({ type: 3, data: { items: [] } }); return Promise.resolve(); }
    var terms = {};
    list.forEach(function (w) { terms[w] = true; });
    return pagefind.search(list.join(" ")).then(function (search) {
      if (id !== latest) return null;
      var results = search.results;
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (datas) {
        if (id !== latest) return;
        var items = datas.map(function (d, i) { return documentsOf(d, terms, SHOWN - i); });
        var more = toExplorer(list.join(" "), results.length, terms);
        if (more && results.length) items.push(more);
        self.postMessage({ type: 3, data: { items: items } });
      });
    });
  }
  function ask(query) {
    latest += 1;
    answer(latest, String(query || "")).catch(function (error) {
      console.error("lore: search failed:", error);
    });
  }
  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === 0) {
      // Queries wait until the index is initialised, not only imported: one asked in between was never answered.
      import(bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: "/" }).then(function () { return module.init(); }).then(function () { return module; });
      }).then(function (module) {
        pagefind = module;
        self.postMessage({ type: 1 });
        if (pending !== null) ask(pending);
        pending = null;
      }, function (error) {
        console.error("lore: the search index did not load:", error);
      });
    } else if (message.type === 2) {
      // Material asks at every key: a word typed letter by letter is searched once, when the typing pauses,
      // instead of fetching index chunks and results for each of its first letters.
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (pagefind) ask(message.data); else pending = message.data;
      }, PAUSE);
    }
  });
})();
