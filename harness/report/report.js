// report.js: sortable tables (click a header; click again to reverse),
// embedded in <script> at build time.  A cell sorts by its data-v
// attribute when it has one (a number; "" sorts last), else by its text.
(function () {
  function key(td) {
    var v = td.getAttribute('data-v');
    if (v !== null) {
      if (v === '') return null;
      var n = parseFloat(v);
      return isNaN(n) ? null : n;
    }
    return td.textContent.trim().toLowerCase();
  }
  function cmp(a, b, dir) {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    var r = (typeof a === 'number' && typeof b === 'number')
      ? (a < b ? -1 : 1) : String(a).localeCompare(String(b));
    return dir === 'asc' ? r : -r;
  }
  document.querySelectorAll('table.sortable').forEach(function (t) {
    var hs = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(hs, function (th, i) {
      th.addEventListener('click', function () {
        var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
        Array.prototype.forEach.call(hs, function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', dir);
        var b = t.tBodies[0];
        var rows = Array.prototype.slice.call(b.rows).map(function (r, k) {
          return { r: r, k: key(r.cells[i]), o: k };
        });
        // Stable: equal keys keep their order.
        rows.sort(function (x, y) { return cmp(x.k, y.k, dir) || x.o - y.o; });
        rows.forEach(function (x) { b.appendChild(x.r); });
      });
    });
  });
})();
