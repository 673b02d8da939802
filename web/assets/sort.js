// Sorts a table.sortable in place when a header link with data-sort is
// clicked. Cells carry their sort value in data-v ("" = no value, always
// last); rows carry their original place in data-i, which breaks ties. The
// links also work without this script: the server sorts the overview.
"use strict";
document.addEventListener("click", function (ev) {
  var a = ev.target.closest("table.sortable thead a[data-sort]");
  if (!a) return;
  ev.preventDefault();
  var th = a.closest("th"), table = a.closest("table"), tbody = table.tBodies[0];
  var col = Array.prototype.indexOf.call(th.parentNode.children, th);
  var numeric = a.hasAttribute("data-numeric");
  var cur = th.getAttribute("aria-sort");
  var dir = cur === "ascending" ? "desc" : cur === "descending" ? "asc" : a.getAttribute("data-dir") || "asc";
  var value = function (tr) {
    var td = tr.children[col];
    var v = td.hasAttribute("data-v") ? td.getAttribute("data-v") : td.textContent.trim();
    return numeric && v !== "" ? parseFloat(v) : v;
  };
  var rows = Array.prototype.slice.call(tbody.rows);
  rows.sort(function (x, y) {
    var a = value(x), b = value(y), c = 0;
    if (a === "" || b === "") {
      c = (a === "") - (b === "");
    } else {
      c = a < b ? -1 : a > b ? 1 : 0;
      if (dir === "desc") c = -c;
    }
    return c || (+x.getAttribute("data-i")) - (+y.getAttribute("data-i"));
  });
  rows.forEach(function (tr) { tbody.appendChild(tr); });
  Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
  // Keep the sort when the filter form is submitted or the page reloaded.
  var form = document.getElementById("filters");
  if (form && a.getAttribute("href") !== "#") {
    ["sort", "dir"].forEach(function (name) {
      var input = form.querySelector("input[name=" + name + "]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      input.value = name === "sort" ? a.getAttribute("data-sort") : dir;
    });
    var url = new URL(a.href);
    url.searchParams.set("dir", dir);
    history.replaceState(null, "", url.pathname + url.search);
  }
});
