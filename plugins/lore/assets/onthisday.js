/* Lore: "On this day": stories from today's date in past years (?date=MM-DD to try a day). */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function key(date) { return pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  function mount(root) {
    if (root.dataset.loreMounted) return;
    root.dataset.loreMounted = "1";
    var base = root.dataset.base || "";
    fetch(root.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      var days = data.days || {};
      var asked = new URLSearchParams(location.search).get("date");
      var today = /^\d\d-\d\d$/.test(asked || "") ? asked : key(new Date());
      var stories = days[today] || [], note = "On this day";
      if (!stories.length) { /* the nearest days within a week, so the block is rarely empty */
        var now = asked ? new Date(2000, parseInt(today.slice(0, 2), 10) - 1, parseInt(today.slice(3), 10)) : new Date();
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
