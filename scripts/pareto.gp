# pareto.gp: accuracy against speed.  One point per variant (its series'
# colour and shape; filled: no failures; open: failures; a triangle on the
# top edge: above the band, value in its label), labels placed by actbench
# (no overlaps), and the Pareto frontier of the variants without failures.
#
# Inputs: outfile, plot_title, scriptdir, width, height, styles_cmd, frame_cmd,
#   ptsfile    one block per variant: "ns max_ulp pointtype label_x label_y label"
#              (label "": none)
#   npts       number of blocks
#   frontfile  '' or "ns max_ulp" staircase points, sorted by speed
#   xlo, xhi, ylo, yhi   the axes (yhi: the off-scale edge); ytics_cmd
# Plot clauses: 1..npts the points, npts+1..2*npts their labels, then the frontier.
load scriptdir.'/style.gp'
set logscale xy
set xrange [xlo:xhi]
set yrange [ylo:yhi]
eval ytics_cmd
set arrow from graph 0, first yhi to graph 1, first yhi nohead dt (2,3) lc rgb '#999999'
set xlabel 'ns per element at n=4096 (min): faster is left'
set ylabel 'max ULP error, all ranges'
cmd = "plot for [i=0:npts-1] ptsfile index i using 1:2:3 with points pt variable ps 1.1 lt i+1 notitle"
cmd = cmd . ", for [i=0:npts-1] ptsfile index i using 4:5:6 with labels left font 'sans,9' tc rgb '#333333' notitle"
if (strlen(frontfile) > 0) cmd = cmd . ", frontfile using 1:2 with steps lc rgb '#333333' dt (7,3) lw 1.2 notitle"
eval cmd
