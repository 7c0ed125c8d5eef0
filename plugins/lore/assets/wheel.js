/* Lore: the practice wheel. Spin over services, glossary terms and stories; whoever
   lands on one shows what they know and where they would look. ?spin=SEED replays a spin. */
(function () {
  "use strict";
  var SLICES = 12;
  function rng(seed) { /* mulberry32: small, seedable, the same in every browser */
    return function () {
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function link(base, url, text) {
    if (!url) return el("span", {}, text);
    return el("a", { href: base + url }, text);
  }
  function mount(root) {
    if (root.dataset.loreMounted) return;
    root.dataset.loreMounted = "1";
    var base = root.dataset.base || "";
    fetch(root.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      build(root, base, data.items || []);
    }).catch(function () {
      root.appendChild(el("p", { "class": "lore-wheel__error" }, "The wheel needs its data file; open the site through a web server (mkdocs serve, or any static server)."));
    });
  }
  function build(root, base, all) {
    var types = { service: "Services", term: "Terms", story: "Stories" };
    var controls = el("div", { "class": "lore-wheel__controls" });
    var chosen = {};
    Object.keys(types).forEach(function (type) {
      var count = all.filter(function (i) { return i.type === type; }).length;
      var label = el("label");
      var box = el("input", { type: "checkbox", value: type });
      box.checked = count > 0; chosen[type] = box.checked;
      box.addEventListener("change", function () { chosen[type] = box.checked; });
      label.appendChild(box); label.appendChild(document.createTextNode(" " + types[type] + " (" + count + ")"));
      controls.appendChild(label);
    });
    var button = el("button", { type: "button", "class": "md-button md-button--primary lore-wheel__spin" }, "Spin the wheel");
    controls.appendChild(button);
    var stage = el("div", { "class": "lore-wheel__stage" });
    var svg = svgEl("svg", { viewBox: "-110 -110 220 220", "class": "lore-wheel__svg", role: "img", "aria-label": "The practice wheel" });
    var disc = svgEl("g", { "class": "lore-wheel__disc" });
    svg.appendChild(disc);
    svg.appendChild(svgEl("path", { d: "M 0 -104 L -8 -118 L 8 -118 Z", "class": "lore-wheel__pointer" }));
    stage.appendChild(svg);
    var result = el("div", { "class": "lore-wheel__result", "aria-live": "polite", tabindex: "-1" });
    root.appendChild(controls); root.appendChild(stage); root.appendChild(result);
    var turned = 0;

    function choose(seed) {
      var pool = all.filter(function (i) { return chosen[i.type]; });
      var random = rng(seed), picks = [], copy = pool.slice();
      while (picks.length < Math.min(SLICES, pool.length)) {
        picks.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
      }
      return { picks: picks, landing: picks.length ? Math.floor(random() * picks.length) : 0 };
    }

    function lines(label) { /* at most two lines of about 14 characters, cut between words */
      if (label.length <= 14) return [label];
      var words = label.split(/\s+/), first = "";
      while (words.length && (first + " " + words[0]).trim().length <= 14) first = (first + " " + words.shift()).trim();
      if (!first) { first = words[0].slice(0, 13) + "-"; words[0] = words[0].slice(13); }
      var second = words.join(" ");
      return [first, second.length > 14 ? second.slice(0, 13) + "…" : second];
    }

    function draw(picks, rotation) {
      /* Slices and labels for a disc that will rest at ``rotation`` degrees: each label is turned so that
         it reads upright there, never upside down. */
      while (disc.firstChild) disc.removeChild(disc.firstChild);
      var step = 360 / picks.length;
      picks.forEach(function (item, i) {
        var a0 = (i * step - 90) * Math.PI / 180, a1 = ((i + 1) * step - 90) * Math.PI / 180;
        var large = step > 180 ? 1 : 0;
        var d = picks.length === 1 ? "M 0 -100 A 100 100 0 1 1 -0.01 -100 Z" :
          "M 0 0 L " + (100 * Math.cos(a0)).toFixed(2) + " " + (100 * Math.sin(a0)).toFixed(2) +
          " A 100 100 0 " + large + " 1 " + (100 * Math.cos(a1)).toFixed(2) + " " + (100 * Math.sin(a1)).toFixed(2) + " Z";
        var slice = svgEl("path", { d: d, "class": "lore-wheel__slice lore-wheel__slice--" + item.type + (i % 2 ? " lore-wheel__slice--odd" : "") });
        var title = svgEl("title", {}); title.textContent = item.label; slice.appendChild(title);
        disc.appendChild(slice);
        var mid = (i + 0.5) * step - 90;
        var resting = ((mid + rotation) % 360 + 360) % 360;  /* 0 is pointing right */
        var flip = resting > 90 && resting < 270;
        var text = svgEl("text", { transform: "rotate(" + (flip ? mid + 180 : mid) + ") translate(" + (flip ? -60 : 60) + " 0)",
          "class": "lore-wheel__label", "text-anchor": "middle" });
        var parts = lines(item.label);
        parts.forEach(function (part, n) {
          var span = svgEl("tspan", { x: "0", dy: n === 0 ? (parts.length > 1 ? "-0.2em" : "0.35em") : "1.1em" });
          span.textContent = part; text.appendChild(span);
        });
        disc.appendChild(text);
      });
    }

    function spin(seed, animate) {
      var chosenSet = choose(seed), picks = chosenSet.picks, landing = chosenSet.landing;
      if (!picks.length) { result.textContent = "Choose at least one kind of thing to spin over."; return; }
      var step = 360 / picks.length;
      var target = 360 - (landing + 0.5) * step;
      turned = turned - (turned % 360) + 360 * (animate ? 5 : 0) + target;
      draw(picks, turned);
      disc.style.transition = animate && !matchMedia("(prefers-reduced-motion: reduce)").matches ? "transform 2.4s cubic-bezier(.17,.67,.2,1)" : "none";
      disc.style.transform = "rotate(" + turned + "deg)";
      var show = function () { render(picks[landing], seed); };
      if (animate && disc.style.transition !== "none") setTimeout(show, 2450); else show();
    }

    function render(item, seed) {
      while (result.firstChild) result.removeChild(result.firstChild);
      var kind = { service: "Service", term: "Term", story: "Story" }[item.type];
      var head = el("h2", { id: "landed", "class": "lore-wheel__landed" });
      head.appendChild(document.createTextNode(kind + ": "));
      head.appendChild(link(base, item.url, item.label));
      result.appendChild(head);
      if (item.summary) result.appendChild(el("p", {}, item.summary));
      var facts = el("ul");
      if (item.owners && item.owners.length) facts.appendChild(el("li", {}, "Owners: " + item.owners.join(", ")));
      if (item.aliases && item.aliases.length) facts.appendChild(el("li", {}, "Also called: " + item.aliases.join(", ")));
      if (item.date) facts.appendChild(el("li", {}, item.kind + ", " + item.date));
      if (item.services && item.services.length) facts.appendChild(el("li", {}, "Services: " + item.services.join(", ")));
      if (item.responders && item.responders.length) facts.appendChild(el("li", {}, "Who responded: " + item.responders.join(", ")));
      if (facts.childNodes.length) result.appendChild(facts);
      if (item.stories && item.stories.length) {
        result.appendChild(el("p", { "class": "lore-wheel__group" }, "Stories involving it"));
        var list = el("ul");
        item.stories.forEach(function (s) { var li = el("li"); li.appendChild(link(base, s.url, s.title)); list.appendChild(li); });
        result.appendChild(list);
      }
      var prompts = el("ol", { "class": "lore-wheel__prompts" });
      ["What do you know about this?", "Where would you look first?", "Show us."].forEach(function (p) { prompts.appendChild(el("li", {}, p)); });
      result.appendChild(prompts);
      var url = new URL(location.href); url.searchParams.set("spin", String(seed));
      history.replaceState(null, "", url);
      var share = el("p", { "class": "lore-wheel__share" });
      share.appendChild(document.createTextNode("Share this spin: "));
      share.appendChild(el("a", { href: url.toString() }, "?spin=" + seed));
      result.appendChild(share);
      result.focus();
    }

    button.addEventListener("click", function () { spin(Math.floor(Math.random() * 1e9), true); });
    var given = new URLSearchParams(location.search).get("spin");
    if (given && /^\d+$/.test(given)) spin(parseInt(given, 10), false);
    else if (choose(1).picks.length) draw(choose(1).picks, 0);  /* a wheel to look at before anyone spins */
  }
  function run() { document.querySelectorAll(".lore-wheel").forEach(mount); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
