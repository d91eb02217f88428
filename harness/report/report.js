// report.js: sortable tables (click a header; click again to reverse) and
// series that can be hidden in the plots, embedded in <script> at build
// time (no network: works from file://).  A cell sorts by its data-v
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

// Series toggles: each button of a figure's .serieskey names, in
// data-plots, the gnuplot plot clauses (<g id="PREFIX-gnuplot_plot_N">) that
// draw its series in that figure's SVG; pressing it hides or shows them.
// Keyed by the figure element, so it works on any page and any number of
// figures.  "show all" / "hide all" (data-all) set every series of the figure.
(function () {
  function groups(fig, n) {
    return fig.querySelectorAll('svg g[id$="-gnuplot_plot_' + n + '"]');
  }
  function set(fig, b, on) {
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    b.getAttribute('data-plots').split(' ').forEach(function (n) {
      if (!n) return;
      Array.prototype.forEach.call(groups(fig, n), function (g) {
        g.style.display = on ? '' : 'none';
      });
    });
  }
  document.querySelectorAll('.serieskey').forEach(function (key) {
    var fig = key.closest('figure');
    if (!fig) return;
    var series = key.querySelectorAll('button[data-plots]');
    Array.prototype.forEach.call(series, function (b) {
      b.addEventListener('click', function () {
        set(fig, b, b.getAttribute('aria-pressed') === 'false');
      });
    });
    key.querySelectorAll('button[data-all]').forEach(function (a) {
      a.addEventListener('click', function () {
        var on = a.getAttribute('data-all') === '1';
        Array.prototype.forEach.call(series, function (b) { set(fig, b, on); });
      });
    });
  });
})();
