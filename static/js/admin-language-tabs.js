/* Names the admin's language tabs in their own language (한국어, 日本語, Монгол ...),
   instead of bare codes, and marks each tab with its language and with the state of its
   translation (filled, empty or stale, as the server rendered it on the input). Opens the
   tab of the language given in the address (?language=ru), as the translation status
   board links do. Runs once modeltranslation has built the tabs. */
(function () {
  "use strict";
  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function languageNames() {
    var names = {};
    (readJSON("near-languages") || []).forEach(function (pair) { names[pair[0]] = pair[1]; });
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
  function markStates(names, labels) {
    document.querySelectorAll(".ui-tabs-nav a[data-language]").forEach(function (tab) {
      var href = tab.getAttribute("href") || "";
      var panel = href.charAt(0) === "#" ? document.getElementById(href.slice(1)) : null;
      var input = panel ? panel.querySelector("[data-translation-state]") : null;
      if (!input || input.dataset.translationState === "source") { return; }
      function show(state) {
        tab.dataset.translationState = state;
        tab.title = names[tab.dataset.language] + " — " + (labels[state] || state);
      }
      show(input.dataset.translationState);
      if (input.dataset.translationState !== "stale") {
        input.addEventListener("input", function () {
          show(input.value.trim() ? "filled" : "empty");
        });
      }
    });
  }
  function openRequestedLanguage() {
    var wanted = new URLSearchParams(window.location.search).get("language");
    var select = document.getElementById("modeltranslation-main-switch");
    if (!wanted || !select) { return; }
    var option = select.querySelector('option[data-language="' + wanted + '"]');
    if (option) {
      window.django.jQuery(select).val(option.value).trigger("change");
    }
  }
  function start() {
    var names = languageNames();
    var labels = readJSON("near-tab-states") || {};
    relabel(names);
    markStates(names, labels);
    openRequestedLanguage();
    document.addEventListener("formset:added", function () {
      window.setTimeout(function () { relabel(names); }, 0);
    });
  }
  // Ready handlers run in the order they were added; this script comes after
  // modeltranslation's, so its tabs exist by then.
  window.django.jQuery(start);
})();
