# histogram.gp: distribution of ULP errors, one bar per variant and bin.
# Bin labels are upper edges: "0.5" holds errors <= 0.5 ULP (correctly
# rounded or within half an ulp), "2" holds (1, 2], ">2M" holds > 2^21.
#
# Inputs: outfile, plot_title, scriptdir, datafile ("label pct1 pct2 ...",
# percent of samples, NaN for an empty bin), nseries, titles, ymin.
load scriptdir.'/style.gp'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 noborder
set logscale y
set yrange [ymin:100]
set ylabel '% of samples'
set xlabel 'ULP error (bin upper edge)'
set grid noxtics
set xtics rotate by -45 offset -0.5,0 font ',9'
plot for [i=2:nseries+1] datafile using i:xtic(1) lt i-1 title word(titles, i-1)
