# style.gp: the look shared by the report's plots (loaded by every script).
# Change the terminal, fonts or colours here; run `make report-only` to redraw.
if (!exists("width")) width = 720
if (!exists("height")) height = 300
set terminal svg size width,height dynamic font 'sans,10' background '#ffffff'
set output outfile
set termoption noenhanced
set encoding utf8
set border 3 lc rgb '#555555'
set tics nomirror
set grid lc rgb '#e4e4e4' lw 1
set key outside right top samplen 2 spacing 1.1 noautotitle
set title plot_title
# Colour-blind friendly (Okabe-Ito, then Tableau) series colours.
set linetype 1 lc rgb '#0072b2' lw 1.6 pt 7
set linetype 2 lc rgb '#d55e00' lw 1.6 pt 5
set linetype 3 lc rgb '#009e73' lw 1.6 pt 9
set linetype 4 lc rgb '#cc79a7' lw 1.6 pt 11
set linetype 5 lc rgb '#e69f00' lw 1.6 pt 13
set linetype 6 lc rgb '#56b4e9' lw 1.6 pt 7
set linetype 7 lc rgb '#000000' lw 1.6 pt 5
set linetype 8 lc rgb '#8c564b' lw 1.6 pt 9
set linetype 9 lc rgb '#7f7f7f' lw 1.6 pt 11
set linetype 10 lc rgb '#bcbd22' lw 1.6 pt 13
set linetype cycle 10
