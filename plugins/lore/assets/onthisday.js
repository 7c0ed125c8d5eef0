/* Lore: "On this day": stories from today's date in past years (?date=MM-DD to try a day). */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function key(date) { return pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  // One file a month: the month of the day asked, and the one next to it when the week around it crosses over.
  function months(date) {
    var out = {};
    [-7, 0, 7].forEach(function (d) { out[pad(new Date(date.getTime() + d * 86400000).getMonth() + 1)] = true; });
    return Object.keys(out);
  }
  function load(folder, date) {
    return Promise.all(months(date).map(function (m) {
      return fetch(folder + m + ".json").then(function (r) { return r.json(); });
    })).then(function (files) {
      var days = {};
      files.forEach(function (f) { Object.keys(f.days || {}).forEach(function (k) { days[k] = f.days[k]; }); });
      return days;
    });
  }
  function mount(root) {
    if (root.dataset.loreMounted) return;
    root.dataset.loreMounted = "1";
    var base = root.dataset.base || "";
    var asked = new URLSearchParams(location.search).get("date");
    var valid = /^\d\d-\d\d$/.test(asked || "");
    var now = valid ? new Date(2000, parseInt(asked.slice(0, 2), 10) - 1, parseInt(asked.slice(3), 10)) : new Date();
    load(root.dataset.src, now).then(function (days) {
      var today = valid ? asked : key(now);
      var stories = days[today] || [], note = "On this day";
      if (!stories.length) { /* the nearest days within a week, so the block is rarely empty */
        for (var d = 1; d <= 7 && !stories.length; d++) {
          [-d, d].forEach(function (offset) {
            var other = new Date(now.getTime() + offset * 86400000);
            stories = stories.concat(days[key(other)] || []);
          });
        }
        note = "This week in past years";
      }
      var list = root.querySelector(".lore-onthisday__list");
      var title = root.querySelector(".lore-onthisday__title");
      if (title) title.textContent = note;
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!stories.length) { list.appendChild(document.createElement("li")).textContent = "No story from this week yet."; return; }
      stories.forEach(function (s) {
        var li = document.createElement("li");
        var a = document.createElement("a"); a.href = base + s.url; a.textContent = s.title;
        li.appendChild(document.createTextNode(s.year + " · ")); li.appendChild(a);
        li.appendChild(document.createTextNode(" (" + s.kind + ")"));
        list.appendChild(li);
      });
    }).catch(function () { /* the static fallback inside the block stays */ });
  }
  function run() { document.querySelectorAll(".lore-onthisday").forEach(mount); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
