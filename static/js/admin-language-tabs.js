/* Names the admin's language tabs in their own language (한국어, 日本語, Монгол ...),
   instead of bare codes, and marks each tab with its language. Runs once
   modeltranslation has built the tabs. */
(function () {
  "use strict";
  function languageNames() {
    var node = document.getElementById("near-languages");
    var names = {};
    if (node) {
      JSON.parse(node.textContent).forEach(function (pair) { names[pair[0]] = pair[1]; });
    }
    return names;
  }
  function relabel(names) {
    document.querySelectorAll(".ui-tabs-nav a, #content h1 select option").forEach(function (link) {
      var code = link.textContent.trim();
      if (names[code] && !link.dataset.language) {
        link.dataset.language = code;
        link.setAttribute("lang", code);
        link.title = names[code];
        link.textContent = names[code];
      }
    });
  }
  function start() {
    var names = languageNames();
    relabel(names);
    document.addEventListener("formset:added", function () {
      window.setTimeout(function () { relabel(names); }, 0);
    });
  }
  // Ready handlers run in the order they were added; this script comes after
  // modeltranslation's, so its tabs exist by then.
  window.django.jQuery(start);
})();
