#!/bin/sh
# make.sh - regenerate every screenshot in this folder.
#
#   screenshots/make.sh [PATH-TO-CMLCONTRACT]
#   screenshots/make.sh --figures [PATH-TO-CMLCONTRACT]
#
# Text captures (tmux capture-pane) of every preset at 120x40, the default
# scenario at 80x24, the Figure 2 map (also zoomed at 80x24) and the
# screening diagram of scenario 1 (type 5 picked out; 120x40, and zoomed
# at 80x24), the incentive table of scenario 3 and two steps of the
# paper's lesson (120x40 and 80x24), then PNG renders of eight of them
# (the colour capture through aha to HTML, photographed by headless
# Chromium).  Needs tmux; the PNGs also need aha, chromium and
# fonts-dejavu-core (Debian packages).  Timings are hidden (--fixed-clock)
# so the captures only change when the screen does.
# Also (first, and alone with --figures: it takes seconds, not minutes)
# the figures of "cmlcontract plot" in ../figures: the contract of
# scenarios 1 to 3 and Figure 2, as PNG (needs a build with cairo).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
figures_only=false
if [ "${1-}" = --figures ]; then
	figures_only=true
	shift
fi
bin=${1:-$here/../src/cmlcontract}

# The figures: 1280 x 720 pixels keeps the repository small; a slide
# would take the default 1920 x 1080 or a PDF.
figures=$here/../figures
mkdir -p "$figures"
for preset in scenario1 scenario2 scenario3; do
	"$bin" plot contract "$preset" -o "$figures/$preset-contract.png" \
		--size 1280x720px
	echo "wrote figures/$preset-contract.png"
done
"$bin" plot sweep figure2 -o "$figures/figure2-sweep.png" --size 1280x720px
echo "wrote figures/figure2-sweep.png"
"$bin" plot screening scenario1 -o "$figures/scenario1-screening.png" \
	--size 1280x720px
echo "wrote figures/scenario1-screening.png"
$figures_only && exit 0

shots=0
sock=cmlshots$$-0
tmp=$(mktemp -d)
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# wait_for TEXT: polls the screen until TEXT shows (up to 10 s).
wait_for() {
	i=0
	until T capture-pane -p | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "make.sh: timed out waiting for '$1'" >&2
			exit 1
		fi
		sleep 0.05
	done
}

# shoot NAME W H KEYS ARGS...: start the explorer, press KEYS (space
# separated, "-" for none), capture the screen as NAME.txt (and the
# colour version for rendering).
shoot() {
	name=$1 w=$2 h=$3 keys=$4
	shift 4
	# A fresh server per shot: no race with the previous one.
	T kill-server 2>/dev/null || true
	shots=$((shots + 1))
	sock=cmlshots$$-$shots
	T new-session -d -x "$w" -y "$h" \
		"env LANG=C.UTF-8 TERM=xterm-256color $bin --fixed-clock $*; sleep 600"
	wait_for "Status and properties"
	# Close the notes pop-up of a small layout.
	if T capture-pane -p | grep -qF "any key closes"; then
		T send-keys Escape
		sleep 0.3
	fi
	if [ "$keys" != - ]; then
		for k in $keys; do
			T send-keys "$k"
		done
	fi
	sleep 0.5
	T capture-pane -p >"$here/$name.txt"
	T capture-pane -p -e >"$tmp/$name.ansi"
	echo "wrote $name.txt"
}

# shoot_lesson NAME W H STEP: the paper's lesson at step STEP.
shoot_lesson() {
	name=$1 w=$2 h=$3 step=$4
	T kill-server 2>/dev/null || true
	shots=$((shots + 1))
	sock=cmlshots$$-$shots
	T new-session -d -x "$w" -y "$h" \
		"env LANG=C.UTF-8 TERM=xterm-256color $bin lesson --fixed-clock; sleep 600"
	wait_for "Lesson 1/"
	at=1
	while [ $at -lt "$step" ]; do
		T send-keys PageDown
		at=$((at + 1))
		wait_for "Lesson $at/"
	done
	sleep 0.5
	T capture-pane -p >"$here/$name.txt"
	T capture-pane -p -e >"$tmp/$name.ansi"
	echo "wrote $name.txt"
}

# render NAME W H: the colour capture as a PNG.
render() {
	name=$1 w=$2 h=$3
	{
		printf '<html><head><meta charset="utf-8"><style>'
		printf 'body{margin:0;background:#1c1c1c}'
		printf 'pre{margin:8px;font:15px/1.2 "DejaVu Sans Mono",monospace;'
		printf 'color:#d0d0d0;background:#1c1c1c}'
		# DejaVu Sans Mono has no Braille: the fallback font's wider
		# glyphs would push the line out of its cells, so each one
		# gets exactly one cell.
		printf '.c{display:inline-block;width:1ch;overflow:hidden;'
		printf 'vertical-align:bottom}</style></head><body><pre>'
		aha --no-header --black <"$tmp/$name.ansi" |
			perl -CS -pe 's/([\x{2800}-\x{28FF}])/<span class="c">$1<\/span>/g' 
		printf '</pre></body></html>\n'
	} >"$tmp/$name.html"
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$tmp/chromium" \
		--hide-scrollbars --window-size="$((w * 9 + 16)),$((h * 18 + 16))" \
		--screenshot="$here/$name.png" "file://$tmp/$name.html" \
		>/dev/null 2>&1
	echo "wrote $name.png"
}

for preset in twotype scenario1 scenario2 scenario3 figure2; do
	shoot "$preset-120x40" 120 40 - "$preset"
done
shoot scenario3-80x24 80 24 - scenario3
shoot scenario3-rewards-80x24 80 24 r scenario3
shoot figure2-map-120x40 120 40 m figure2
shoot figure2-map-zoomed-80x24 80 24 "m z" figure2
shoot scenario1-screening-120x40 120 40 "g 5" scenario1
shoot scenario1-screening-zoomed-80x24 80 24 "g z 5" scenario1
shoot scenario3-incentives-120x40 120 40 i scenario3
shoot scenario3-incentives-zoomed-80x24 80 24 "i z" scenario3
shoot_lesson lesson-screening-120x40 120 40 10
shoot_lesson lesson-incentives-80x24 80 24 4

if command -v aha >/dev/null && command -v chromium >/dev/null; then
	render scenario3-120x40 120 40
	render figure2-map-120x40 120 40
	render figure2-map-zoomed-80x24 80 24
	render scenario1-screening-120x40 120 40
	render scenario1-screening-zoomed-80x24 80 24
	render scenario3-incentives-120x40 120 40
	render lesson-screening-120x40 120 40
	render lesson-incentives-80x24 80 24
else
	echo "make.sh: aha or chromium missing; PNGs not rendered" >&2
fi
