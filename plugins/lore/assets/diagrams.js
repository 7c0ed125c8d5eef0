/* Lore: mermaid diagrams readable on every screen. Material shrinks a diagram to the column, which
   leaves a big one with 3-6 px labels; such a diagram is shown at a readable size in a box of its own that
   scrolls, with a button to see it whole. Diagrams that already read well are left as Material draws them.

   Material draws each diagram into a *closed* shadow root, so the page cannot reach the SVG. It does hand
   that root to a callback, `fn`, of what mermaid.render returns (Material 9.x: `i==null||i(s)` after
   `s.innerHTML=svg`): this script, loaded after mermaid and before Material's bundle, wraps mermaid.render
   to add that callback. It runs for every diagram Material draws, after instant navigation too. */
(function () {
  "use strict";
  var m = window.mermaid;
  if (!m || typeof m.render !== "function" || m.__loreDiagrams) return;
  m.__loreDiagrams = true;

  var SMALLEST = 11;  // px: labels drawn smaller than this are shown at a readable size instead
  var ICONS = {  // Material Design Icons, as Material ships them: magnify-plus-outline, fit-to-screen-outline
    zoom: "m15.5 14 5 5-1.5 1.5-5-5v-.79l-.27-.28A6.47 6.47 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3 " +
      "6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.57 4.23l.28.27zm-6 0C12 14 14 12 14 9.5S12 5 9.5 5 5 7 5 9.5 7 14 9.5 " +
      "14m2.5-4h-2v2H9v-2H7V9h2V7h1v2h2z",
    fit: "M17 4h3c1.1 0 2 .9 2 2v2h-2V6h-3zM4 8V6h3V4H4c-1.1 0-2 .9-2 2v2zm16 8v2h-3v2h3c1.1 0 2-.9 2-2v-2zM7 " +
      "18H4v-2H2v2c0 1.1.9 2 2 2h3zm9-8v4H8v-4zm2-2H6v8h12z"
  };
  var diagrams = [];

  var render = m.render;
  m.render = function (id, text) {
    return Promise.resolve(render.apply(this, arguments)).then(function (result) {
      var own = result && result.fn;
      if (result) result.fn = function (root) {
        if (own) own(root);
        try { adopt(root, String(text)); } catch (error) { /* a diagram we cannot measure stays as Material drew it */ }
      };
      return result;
    });
  };

  function readable() { return window.innerWidth < 600 ? 12 : 14; }  // px, for labels in the scrolling view

  /* The smallest label's font size as drawn now, in CSS px: its font size times the scale of its SVG
     coordinates on screen (the viewBox shrunk to the column, and any transform on the way). */
  function smallestText(svg) {
    var smallest = Infinity;
    svg.querySelectorAll("text, foreignObject *").forEach(function (el) {
      var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.data.trim(); });
      if (!own) return;
      var graphic = el instanceof SVGGraphicsElement ? el : el.closest("foreignObject");
      var ctm = graphic && graphic.getScreenCTM();
      var size = parseFloat(getComputedStyle(el).fontSize);
      if (ctm && size) smallest = Math.min(smallest, size * Math.hypot(ctm.a, ctm.b));
    });
    return smallest;
  }

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg"), path = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* Where a flowchart starts: the box first shows that end (its middle for one drawn top to bottom). */
  function direction(text) {
    var found = /^\s*(?:flowchart|graph)\s+(TB|TD|BT|RL|LR)\b/m.exec(text.replace(/^---[\s\S]*?---/, ""));
    return found ? found[1] : "LR";
  }

  function start(d) {
    var s = d.scroll, across = s.scrollWidth - s.clientWidth, down = s.scrollHeight - s.clientHeight;
    var along = { TB: [across / 2, 0], TD: [across / 2, 0], BT: [across / 2, down], RL: [across, 0] }[d.direction];
    s.scrollTo(along ? along[0] : 0, along ? along[1] : 0);
  }

  function adopt(root, text) {
    var host = root.host || root, svg = root.querySelector("svg");
    var box = svg && svg.viewBox && svg.viewBox.baseVal;
    if (!box || !box.width || !host.parentNode) return;
    var figure = element("div", "lore-diagram");
    var bar = element("div", "lore-diagram__bar");
    var hint = element("span", "lore-diagram__hint");
    var button = element("button", "lore-diagram__zoom md-icon");
    var scroll = element("div", "lore-diagram__scroll");
    button.type = "button";
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", "Diagram");
    bar.append(hint, button);
    host.parentNode.insertBefore(figure, host);
    scroll.appendChild(host);
    figure.append(bar, scroll);
    var d = { figure: figure, scroll: scroll, svg: svg, button: button, hint: hint, width: box.width,
      height: box.height, original: svg.getAttribute("style") || "", whole: false, direction: direction(text) };
    button.addEventListener("click", function () {
      d.whole = !d.whole;
      layout(d);
      start(d);
    });
    diagrams.push(d);
    layout(d);
    start(d);
  }

  /* Material's fit first, measured; a diagram whose labels read well there stays so. Otherwise the
     whole diagram is fitted into the box (width and height) or drawn with readable labels. */
  function layout(d) {
    d.key = d.figure.clientWidth + "/" + readable();
    d.figure.classList.remove("lore-diagram--big");
    d.svg.setAttribute("style", d.original);
    var fitted = smallestText(d.svg), shown = d.svg.getBoundingClientRect().width;
    var big = fitted < SMALLEST;
    d.figure.classList.toggle("lore-diagram--big", big);
    d.scroll.tabIndex = big ? 0 : -1;
    if (big) {
      var style = getComputedStyle(d.scroll), padding = parseFloat(style.paddingLeft) * 2;
      var column = d.scroll.clientWidth - padding, tallest = (parseFloat(style.maxHeight) || Infinity) - padding;
      var scale = d.whole ? Math.min(1, column / d.width, tallest / d.height) : shown / d.width * readable() / fitted;
      d.svg.style.maxWidth = "none";
      d.svg.style.width = d.width * scale + "px";
      d.svg.style.height = d.height * scale + "px";
    }
    label(d, big);
  }

  function label(d, big) {
    var text = d.whole ? "Readable size" : "Whole diagram";
    d.button.hidden = !big;
    d.button.replaceChildren(icon(d.whole ? "zoom" : "fit"), element("span", "lore-diagram__label", text));
    d.button.title = d.whole ? "Show the diagram with readable labels, scrolling in its box" : "Fit the whole diagram in its box";
    d.hint.textContent = big && !d.whole ? "Scroll to see all of it" : "";
    d.scroll.setAttribute("aria-label", big && !d.whole ? "Diagram, scrolls" : "Diagram");
  }

  /* Again where the column or the readable size changed (a window only taller keeps it all), the box
     kept at the same place in the diagram. */
  function relayout(d) {
    var key = d.figure.clientWidth + "/" + readable();
    if (key === d.key) return;
    var s = d.scroll, x = s.scrollLeft / (s.scrollWidth - s.clientWidth || 1), y = s.scrollTop / (s.scrollHeight - s.clientHeight || 1);
    layout(d);
    s.scrollTo(x * (s.scrollWidth - s.clientWidth), y * (s.scrollHeight - s.clientHeight));
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      diagrams = diagrams.filter(function (d) { return d.figure.isConnected; });  // pages left by instant navigation
      diagrams.forEach(relayout);
    });
  });
})();
