# pareto.gp: accuracy against speed.  One point per variant (filled: no
# failures; cross: overflow/NaN/sign/zero-flush errors or bound broken), and
# the Pareto frontier of the variants without failures as a staircase.
#
# Inputs: outfile, plot_title, scriptdir,
#   ptsfile    "ns_per_elem max_ulp clean(0/1) linetype label"
#   frontfile  '' or "ns_per_elem max_ulp", sorted by speed
#   yfloor, ytop, ytics_cmd   as in error_profile.gp (0 ULP at yfloor)
load scriptdir.'/style.gp'
set logscale xy
set yrange [yfloor*0.7:ytop*4]
eval ytics_cmd
set offsets graph 0.08, graph 0.25, 0, 0
set xlabel 'ns per element at n=4096 (min): faster is left'
set ylabel 'max ULP error, all ranges'
set key inside right top
cmd = "plot ptsfile using 1:($3 > 0 ? $2 : NaN):4 with points pt 7 ps 1.3 lc variable title 'no failures'"
cmd = cmd . ", ptsfile using 1:($3 > 0 ? NaN : $2) with points pt 2 ps 1.3 lc rgb '#c00000' title 'failures'"
cmd = cmd . ", ptsfile using 1:2:5 with labels left offset char 0.7,0.45 font 'sans,9' notitle"
if (strlen(frontfile) > 0) cmd = cmd . ", frontfile using 1:2 with steps lc rgb '#333333' dt 2 lw 1.2 title 'Pareto frontier'"
eval cmd
