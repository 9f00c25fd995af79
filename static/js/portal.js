/* Small progressive enhancements; every page works without them. No inline scripts: the CSP forbids them. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // A select marked data-autosubmit submits its form when changed (the form keeps its own submit button).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) {
          select.form.submit();
        }
      });
    });
    // Skip link: move keyboard focus into the main region, not just the scroll position.
    var skip = document.querySelector(".skip-link");
    var main = document.getElementById("main");
    if (skip && main) {
      skip.addEventListener("click", function () {
        main.focus();
      });
    }
  });
})();
