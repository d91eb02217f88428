# style.gp: the look shared by the report's plots (loaded by every script).
# The series styles (24 colour x dash pairs) and the plot area come from
# actbench (harness/report/plotlayout.c) as styles_cmd and frame_cmd; the key
# is drawn by the page (toggle buttons), so gnuplot draws none.
if (!exists("width")) width = 720
if (!exists("height")) height = 300
set terminal svg size width,height dynamic font 'sans,10' background '#ffffff'
set output outfile
set termoption noenhanced
set encoding utf8
set border 3 lc rgb '#555555'
set tics nomirror
set grid lc rgb '#e4e4e4' lw 1
set key off
set title plot_title
if (exists("styles_cmd")) eval styles_cmd
if (exists("frame_cmd")) eval frame_cmd
