/* Lore: the copy button beside a story's id ("Cite as"), like Material's copy button on code blocks.
   The button is hidden in the HTML: without this script there is nothing to press, and the id is plain text. */
(function () {
  "use strict";
  var SHOWN_MS = 2000;

  /* Pages served over plain http have no Clipboard API: copy through a selected, off-screen text area. */
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  function selectId(cite) {
    var id = cite.querySelector(".lore-cite__id");
    var selection = window.getSelection();
    if (!id || !selection) return;
    var range = document.createRange();
    range.selectNodeContents(id);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function enhance(button) {
    if (button.dataset.loreReady) return;
    button.dataset.loreReady = "1";
    var cite = button.closest(".lore-cite");
    var status = cite && cite.querySelector(".lore-cite__status");
    var timer = null;
    function say(words, copied) {
      if (!status) return;
      status.textContent = words;
      button.classList.toggle("lore-cite__copy--done", copied);
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = "";
        button.classList.remove("lore-cite__copy--done");
      }, copied ? SHOWN_MS : SHOWN_MS * 2);
    }
    button.addEventListener("click", function () {
      copy(button.getAttribute("data-lore-copy") || "").then(function () {
        say("Copied", true);
      }, function () {
        selectId(cite);  /* the browser refused: the id is selected, ready for Ctrl+C */
        say("Selected: press Ctrl+C to copy", false);
      });
    });
    button.hidden = false;
  }

  function run() { document.querySelectorAll(".lore-cite__copy[data-lore-copy]").forEach(enhance); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
