/* The workbench's one script (the pages work without it): a "select all" box checks every row's box of its form. */
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.classList || !box.classList.contains("select-all")) return;
  var rows = document.querySelectorAll('input[type="checkbox"][name="ids"][form="' + box.dataset.form + '"]');
  rows.forEach(function (row) { if (!row.disabled) row.checked = box.checked; });
});
document.addEventListener("change", function (event) {
  var row = event.target;
  if (!row.name || row.name !== "ids" || !row.form) return;
  var all = document.querySelector('input.select-all[data-form="' + row.form.id + '"]');
  if (!all) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('input[name="ids"][form="' + row.form.id + '"]'));
  all.checked = rows.length > 0 && rows.every(function (r) { return r.checked; });
});
