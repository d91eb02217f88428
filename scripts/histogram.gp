# histogram.gp: distribution of ULP errors, one line per variant over the
# bins (clustered bars of 18 variants could not be told apart).  Bin labels
# are upper edges: "0.5" holds errors <= 0.5 ULP (correctly rounded or
# within half an ulp), "2" holds (1, 2], ">2M" holds > 2^21.
#
# Inputs: outfile, plot_title, scriptdir, width, height, styles_cmd,
# frame_cmd, datafile ("label pct1 pct2 ...", percent of samples, NaN for an
# empty bin), nseries, titles, ymin.  Plot clause i is variant i.
load scriptdir.'/style.gp'
set logscale y
set yrange [ymin:100]
set ylabel '% of samples'
set xlabel 'ULP error (bin upper edge)'
set grid noxtics
set xtics rotate by -45 offset -0.5,0 font ',9'
set offsets 0.3, 0.3, 0, 0
plot for [i=2:nseries+1] datafile using 0:i:xtic(1) with linespoints lt i-1 ps 0.7 notitle
