// Portal enhancements; every page works without them.
// "Add a delegate": clones the formset's empty row (a <template>) and counts it in TOTAL_FORMS.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("[data-delegate-formset]")) {
    const total = form.querySelector('input[name$="-TOTAL_FORMS"]');
    const template = form.querySelector("#delegate-template");
    const rows = form.querySelector(".delegate-rows");
    const add = form.querySelector("[data-add-delegate]");
    const more = form.querySelector("[data-more-rows]");
    const max = Number(form.dataset.max || 50);
    if (!total || !template || !rows || !add) continue;
    add.hidden = false;
    if (more) more.hidden = true;
    add.addEventListener("click", () => {
      const index = Number(total.value);
      if (index >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      const row = rows.lastElementChild;
      const number = row.querySelector("[data-number]");
      if (number) number.textContent = String(index + 1);
      total.value = String(index + 1);
      if (index + 1 >= max) add.hidden = true;
      const first = row.querySelector("input");
      if (first) first.focus();
    });
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
