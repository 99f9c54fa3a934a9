// The overview's tables: sort by a column's heading, filter the agencies by district and
// status. No data comes from here: the rows are in the page.
(function () {
  function cellValue(row, index, numeric) {
    const cell = row.cells[index];
    const text = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    return numeric ? Number(text.replace(/,/g, "")) || 0 : text;
  }
  document.querySelectorAll("table.ov-sortable").forEach((table) => {
    const heads = table.tHead.rows[0].cells;
    Array.from(heads).forEach((head, index) => {
      head.tabIndex = 0;
      const sort = () => {
        const numeric = head.dataset.type === "number";
        const down = head.getAttribute("aria-sort") === "ascending";
        Array.from(heads).forEach((h) => h.removeAttribute("aria-sort"));
        head.setAttribute("aria-sort", down ? "descending" : "ascending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = cellValue(a, index, numeric);
          const y = cellValue(b, index, numeric);
          const order = numeric ? x - y : String(x).localeCompare(String(y), "th");
          return down ? -order : order;
        });
        rows.forEach((row) => body.appendChild(row));
      };
      head.addEventListener("click", sort);
      head.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  });
  const district = document.getElementById("ov-district");
  const status = document.getElementById("ov-status");
  const shown = document.getElementById("ov-shown");
  const table = document.querySelector("table.ov-agencies");
  if (!district || !status || !table) return;
  function filter() {
    let count = 0;
    Array.from(table.tBodies[0].rows).forEach((row) => {
      const statuses = row.dataset.statuses ? row.dataset.statuses.split("|") : [];
      const wantStatus =
        !status.value ||
        (status.value === "incomplete" ? statuses.some((s) => s !== "ครบ") : statuses.includes(status.value));
      const show = (!district.value || row.dataset.district === district.value) && wantStatus;
      row.hidden = !show;
      if (show) count += 1;
    });
    shown.textContent = "แสดง " + count + " หน่วยงาน";
  }
  district.addEventListener("change", filter);
  status.addEventListener("change", filter);
  filter();
})();
