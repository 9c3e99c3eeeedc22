/* Switches the admin's language as soon as one is picked (the button does it without JS). */
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".admin-language-form select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });
})();
