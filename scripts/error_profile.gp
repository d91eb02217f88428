# error_profile.gp: ULP error against the input, Herbie-style.  The x axis is
# the input's bit pattern (ordinal), so every binade has the same width; each
# line is one variant's max ULP error over one of 512 ordinal buckets.
#
# Inputs (set with gnuplot -e by `actbench report`):
#   outfile, plot_title, scriptdir, width, height, styles_cmd, frame_cmd
#   datafile   one block per variant (blocks separated by two blank lines):
#              "ordinal max_ulp", only the buckets where the value changes
#   nseries, titles   number of variants and their names (space separated)
#   xmin, xmax        ordinal range;  xtics_cmd: "set xtics (...)" at 0, +-2^k
#   yfloor, ytop      exact results (0 ULP) are drawn at yfloor, inf/NaN at ytop
#   ytics_cmd         "set ytics (...)"
#   ovfile, nanfile   '' or "ordinal y linetype": first overflow / first NaN
# Plot clause i (1-based) is variant i: the page's key toggles <g id=gnuplot_plot_i>.
load scriptdir.'/style.gp'
set logscale y
set yrange [yfloor*0.7:ytop*4]
set xrange [xmin:xmax]
eval xtics_cmd
eval ytics_cmd
set xlabel 'input x (spaced by bit pattern: each binade gets equal width)'
set ylabel 'max ULP error in bucket'
cmd = "plot for [i=0:nseries-1] datafile index i using 1:2 with lines lt i+1 notitle"
if (strlen(ovfile) > 0) cmd = cmd . ", ovfile using 1:2:3 with points pt 9 ps 1.5 lc variable notitle"
if (strlen(nanfile) > 0) cmd = cmd . ", nanfile using 1:2:3 with points pt 11 ps 1.5 lc variable notitle"
eval cmd
