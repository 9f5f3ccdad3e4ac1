// The public lists' filter forms (events, directives).
// - On a wide screen the filters stand beside the results, so their <details> is opened; on a phone it
//   stays folded behind its summary and the results start on the first screen.
// - Fields left empty are left out of the address: ?province=68, not ?q=&year=&kind=&province=68…
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");
  document.querySelectorAll("details.filters-box").forEach(function (box) {
    if (wide.matches) box.open = true;
  });
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === "") field.disabled = true;
      });
    });
  });
  // Back to the page from the browser's cache: the fields disabled on submit are fields again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled]").forEach(function (field) {
      field.disabled = false;
    });
  });
})();
