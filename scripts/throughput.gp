# throughput.gp: ns per element against the array size, one line per variant,
# and the memcpy baseline (the memory bound for the same bytes) dashed.
#
# Inputs: outfile, plot_title, scriptdir, width, height, styles_cmd,
# frame_cmd, datafile (one block per variant, "n ns_per_elem_min"), nseries,
# titles, basefile ('' or "n ns"), xtics_cmd.  Plot clause i is variant i,
# clause nseries+1 the baseline.
load scriptdir.'/style.gp'
set logscale x 2
set logscale y
eval xtics_cmd
set offsets graph 0.05, graph 0.05, 0, 0
set xlabel 'elements per call'
set ylabel 'ns per element (min of reps)'
cmd = "plot for [i=0:nseries-1] datafile index i using 1:2 with linespoints lt i+1 ps 0.7 notitle"
if (strlen(basefile) > 0) cmd = cmd . ", basefile using 1:2 with linespoints dt (7,3) lc rgb '#777777' pt 6 ps 0.7 notitle"
eval cmd
