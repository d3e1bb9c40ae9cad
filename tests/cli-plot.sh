#!/bin/sh
# cli-plot.sh - "cmlcontract plot": every figure for every preset in every
# format; page sizes (pdfinfo), SVG well-formed with its labels (xmllint),
# PNG pixel sizes and not blank; the drawn numbers against "solve --format
# json"; bad arguments, unwritable places and atomic overwrites.  PDF and
# PNG are skipped in a build without cairo (SVG is ours and always works).
set -u
. "$(dirname "$0")/testlib.sh"
helper=$(dirname "$bin")/../tests/png-info

command -v xmllint >/dev/null || { echo "xmllint missing (libxml2-utils)"; exit 77; }
"$bin" plot contract twotype -o "$tmp/probe.pdf" 2>"$tmp/err"
case $? in
0) formats="svg pdf png"; cairo=yes ;;
2) grep -qF libcairo2-dev "$tmp/err" || { fail "no cairo: says how to get it"; }
   formats=svg; cairo=no ;;
*) fail "probe: $(cat "$tmp/err")"; finish plot ;;
esac
if [ "$cairo" = yes ]; then
	command -v pdfinfo >/dev/null || { echo "pdfinfo missing (poppler-utils)"; exit 77; }
fi

# pdf_size FILE W_CM H_CM: one page of that size in points.
pdf_size() {
	pdfinfo "$1" >"$tmp/info" 2>&1 || { fail "$1: pdfinfo: $(head -1 "$tmp/info")"; return; }
	grep -q '^Pages: *1$' "$tmp/info" || fail "$1: not one page"
	sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p' "$tmp/info" |
		awk -v w="$2" -v h="$3" '{ ew = w / 2.54 * 72; eh = h / 2.54 * 72;
			d1 = $1 - ew; d2 = $2 - eh; if (d1 < 0) d1 = -d1; if (d2 < 0) d2 = -d2;
			exit !(NF == 2 && d1 < 0.01 && d2 < 0.01) }' ||
		fail "$1: page $(grep '^Page size' "$tmp/info"), wanted ${2}x${3} cm"
}

# png_size FILE W H: the IHDR's width and height (bytes 16-23, big-endian),
# and more than one colour.  (expect sets $want and $what: other names here.)
png_size() {
	got=$(od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d", \
		(($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
	[ "$got" = "$2 $3" ] || fail "$1: PNG is $got, wanted $2 $3"
	[ "$(od -An -c -j1 -N3 "$1" | tr -d ' ')" = PNG ] || fail "$1: no PNG signature"
	if [ -x "$helper" ]; then
		set -- $("$helper" "$1") "$1"
		[ "${3:-0}" -gt 1 ] || fail "$4: blank PNG ($3 colours)"
	fi
}

# svg_ok FILE TEXT...: well-formed, and every TEXT inside a <text>.
svg_ok() {
	f=$1
	shift
	xmllint --noout "$f" 2>"$tmp/xml" || { fail "$f: $(head -2 "$tmp/xml")"; return; }
	for want in "$@"; do
		grep -q "<text[^>]*>[^<]*$want" "$f" || fail "$f: no text '$want'"
	done
}

# --- every figure, preset and format ---
presets=$("$bin" presets | awk '{ print $1 }')
[ -n "$presets" ] || fail "no presets listed"
for p in $presets; do
	for fig in contract screening welfare sweep; do
		extra=
		# A coarse grid: the presets' own sweeps are big (figure2's
		# default grid is plotted once below).
		[ "$fig" = sweep ] && extra="--x N=2:6:3 --y p.1=0.2:0.8:3"
		for fmt in $formats; do
			out="$tmp/$p-$fig.$fmt"
			# shellcheck disable=SC2086
			expect 0 "plot $fig $p $fmt" -- "$bin" plot "$fig" "$p" \
				-o "$out" $extra
			[ -s "$out" ] || { fail "$out not written"; continue; }
			case $fmt in
			pdf) pdf_size "$out" 25.4 14.3 ;;
			png) png_size "$out" 1920 1080 ;;
			svg) case $fig in
			     contract) svg_ok "$out" "t_1 = " "contract m_i" ;;
			     screening) svg_ok "$out" "data m" "model value t" "type 1, c = " ;;
			     welfare) svg_ok "$out" "information cost" "rent " ;;
			     sweep) svg_ok "$out" "horizontal: N, vertical: p_1" "pooling" ;;
			     esac ;;
			esac
		done
	done
done
[ -n "$(ls -A "$tmp" | grep '\.cml-')" ] && fail "temporary files left: $(ls -A "$tmp" | grep '\.cml-')"

# Figure 2 itself, from the preset's own axes and the default quantities.
for fmt in $formats; do
	[ "$fmt" = png ] && continue
	expect 0 "figure2 $fmt" -- "$bin" plot sweep figure2 -o "$tmp/fig2.$fmt"
done
svg_ok "$tmp/fig2.svg" "m_1" "m_2" "t_1" "t_2" "information cost" \
	"information rent of type 2" "separating" "pooling" "horizontal: p_1, vertical: N"
n=$(grep -c 'class="cell"' "$tmp/fig2.svg")
[ "$n" -eq 12000 ] || fail "figure2: $n cells, wanted 8 panels of 30 x 50"
[ "$cairo" = yes ] && pdf_size "$tmp/fig2.pdf" 25.4 14.3

# --- the numbers drawn match solve --format json (scenario1) ---
"$bin" solve scenario1 --format json >"$tmp/s1.json" || fail "solve scenario1"
"$bin" plot contract scenario1 -o "$tmp/s1.svg" || fail "plot scenario1 svg"
json() { sed -n "s/^ *\"$1\": \\([-0-9.e+]*\\),*$/\\1/p" "$tmp/s1.json"; }
json contribution >"$tmp/m"
json reward_value >"$tmp/t"
json reservation_contribution >"$tmp/alone"
[ "$(wc -l <"$tmp/m")" -eq 5 ] || fail "solve json: $(wc -l <"$tmp/m") contributions"

# attr CLASS ATTR: ATTR of every element of class CLASS, one a line.
attr() {
	grep "class=\"$1\"" "$tmp/s1.svg" | sed -n "s/.* $2=\"\\([^\"]*\\)\".*/\\1/p"
}
# text CLASS: the text of every element of class CLASS.
text() {
	grep "class=\"$1\"" "$tmp/s1.svg" | sed -n 's/.*>\([^<]*\)<\/text>/\1/p'
}
# The data axis from two of its tick labels: x = a + b m.
attr tick-m x >"$tmp/tx"
text tick-m >"$tmp/tv"
[ "$(wc -l <"$tmp/tx")" -ge 2 ] || fail "fewer than two m ticks"
# Tick labels: each text is its tick's value, evenly spaced.
paste "$tmp/tv" "$tmp/tx" | awk 'NR == 1 { v0 = $1; x0 = $2 } NR == 2 { b = ($2 - x0) / ($1 - v0) }
	NR > 2 { d = x0 + b * ($1 - v0) - $2; if (d < 0) d = -d; if (d > 0.01) bad = 1 }
	END { exit bad }' || fail "m tick labels are not evenly placed"
axis=$(paste "$tmp/tv" "$tmp/tx" | awk 'NR == 1 { v0 = $1; x0 = $2 }
	NR == 2 { b = ($2 - x0) / ($1 - v0); printf "%.10g %.10g", x0 - b * v0, b }')
# Bar ends: x + width of bar-m is the axis at m_i.
grep 'class="bar-m"' "$tmp/s1.svg" | sed 's/.* x="\([^"]*\)".* width="\([^"]*\)".*/\1 \2/' \
	>"$tmp/bars"
paste "$tmp/bars" "$tmp/m" | awk -v axis="$axis" 'BEGIN { split(axis, A, " ") }
	{ d = $1 + $2 - (A[1] + A[2] * $3); if (d < 0) d = -d; if (d > 0.01) { print; bad = 1 } }
	END { exit bad || NR != 5 }' || fail "bar ends are not at m_i"
grep 'class="bar-reservation"' "$tmp/s1.svg" |
	sed 's/.* x="\([^"]*\)".* width="\([^"]*\)".*/\1 \2/' >"$tmp/rbars"
paste "$tmp/rbars" "$tmp/alone" | awk -v axis="$axis" 'BEGIN { split(axis, A, " ") }
	{ d = $1 + $2 - (A[1] + A[2] * $3); if (d < 0) d = -d; if (d > 0.01) bad = 1 }
	END { exit bad || NR != 5 }' || fail "reservation bars are not at m~_i"
# The labels at the bar ends: m_i to one decimal.
awk '{ printf "%.1f\n", $1 }' "$tmp/m" >"$tmp/m1"
text label-m | cmp -s - "$tmp/m1" || fail "m_i labels: $(text label-m | tr '\n' ' ')"
# t_i markers on the value axis, and their labels.
attr tick-t x >"$tmp/ttx"
text tick-t >"$tmp/ttv"
taxis=$(paste "$tmp/ttv" "$tmp/ttx" | awk 'NR == 1 { v0 = $1; x0 = $2 }
	NR == 2 { b = ($2 - x0) / ($1 - v0); printf "%.10g %.10g", x0 - b * v0, b }')
attr mark-t x1 | paste - "$tmp/t" | awk -v axis="$taxis" 'BEGIN { split(axis, A, " ") }
	{ d = $1 - (A[1] + A[2] * $2); if (d < 0) d = -d; if (d > 0.01) bad = 1 }
	END { exit bad || NR != 5 }' || fail "t_i markers are not at t_i"
awk '{ printf "t_%d = %.2f\n", NR, $1 }' "$tmp/t" >"$tmp/t2"
text label-t | cmp -s - "$tmp/t2" || fail "t_i labels: $(text label-t | tr '\n' ' ')"

# No collaboration (nobody can afford to train): every figure still draws.
printf 'name: none\nparticipants: 2\ntypes:\n  - {name: A, cost: 50, prob: 0.5}\n  - {name: B, cost: 40, prob: 0.5}\n' \
	>"$tmp/nobody.yaml"
for fig in contract screening welfare; do
	expect 0 "no collaboration: $fig" -- "$bin" plot "$fig" "$tmp/nobody.yaml" \
		-o "$tmp/nobody-$fig.svg"
	svg_ok "$tmp/nobody-$fig.svg" "none: "
done
svg_ok "$tmp/nobody-screening.svg" "(no collaboration)"
grep -q 'class="no-collaboration"' "$tmp/nobody-contract.svg" ||
	fail "no collaboration: the contract figure says so"

# --- sizes, themes ---
if [ "$cairo" = yes ]; then
	expect 0 "--size cm" -- "$bin" plot screening twotype -o "$tmp/a.pdf" --size 20x10
	pdf_size "$tmp/a.pdf" 20 10
	expect 0 "--size in" -- "$bin" plot screening twotype -o "$tmp/b.pdf" --size=4x3in
	pdf_size "$tmp/b.pdf" 10.16 7.62
	expect 0 "--size px" -- "$bin" plot contract twotype -o "$tmp/c.png" --size 800x450px
	png_size "$tmp/c.png" 800 450
	expect 0 "png in cm" -- "$bin" plot contract twotype -o "$tmp/d.PNG" --size 10x5cm
	png_size "$tmp/d.PNG" 756 378
fi
for theme in light dark print; do
	expect 0 "theme $theme" -- "$bin" plot contract twotype -o "$tmp/$theme.svg" \
		--theme "$theme"
	svg_ok "$tmp/$theme.svg" "t_2 = "
done
grep -q 'fill="#1c1c1c"' "$tmp/dark.svg" || fail "dark theme has no dark page"
grep -q '<rect width="100%"' "$tmp/print.svg" && fail "print theme paints a page"

# --- errors: named, exit 2, nothing written ---
expect 2 "unknown WHAT" -- "$bin" plot histogram scenario1 -o "$tmp/e.svg"
contains err "unknown figure 'histogram'" "unknown WHAT named"
expect 2 "no WHAT" -- "$bin" plot
expect 2 "no -o" -- "$bin" plot contract scenario1
contains err "-o OUT" "no -o says how"
expect 2 "bad extension" -- "$bin" plot contract scenario1 -o "$tmp/e.jpg"
contains err "e.jpg: the name must end in .pdf, .svg or .png" "bad extension named"
for size in abc 10 0x0 10x 1000x10 10x10furlong -5x5; do
	expect 2 "bad --size $size" -- "$bin" plot contract scenario1 -o "$tmp/e.svg" \
		--size "$size"
	contains err "bad --size '$size'" "bad size named"
done
expect 2 "bad theme" -- "$bin" plot contract scenario1 -o "$tmp/e.svg" --theme neon
contains err "unknown theme 'neon'" "bad theme named"
expect 2 "--show outside sweep" -- "$bin" plot contract scenario1 -o "$tmp/e.svg" --show m.1
expect 2 "bad --show" -- "$bin" plot sweep twotype -o "$tmp/e.svg" --x N=2:4:2 --show m.3
contains err "unknown quantity 'm.3'" "bad quantity named"
expect 2 "bad axis" -- "$bin" plot sweep twotype -o "$tmp/e.svg" --x Q=1:2:2
contains err "--x" "bad axis named"
expect 2 "no sweep axes" -- "$bin" plot sweep scenario1 -o "$tmp/e.svg"
contains err "has no sweep axes" "missing axes explained"
expect 2 "missing scenario" -- "$bin" plot contract "$tmp/none.yaml" -o "$tmp/e.svg"
printf 'name: x\nparticipants: ten\n' >"$tmp/bad.yaml"
expect 2 "bad scenario file" -- "$bin" plot contract "$tmp/bad.yaml" -o "$tmp/e.svg"
contains err "bad.yaml:2:" "the loader's FILE:LINE"
[ -e "$tmp/e.svg" ] && fail "a failed plot wrote its output"

# Unwritable places: exit 1, the path named, no file and no temporary left.
expect 1 "missing directory" -- "$bin" plot contract twotype -o "$tmp/nodir/x.svg"
contains err "nodir" "the missing directory named"
mkdir "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$tmp/ro"
	expect 1 "read-only directory" -- "$bin" plot contract twotype -o "$tmp/ro/x.svg"
	chmod 755 "$tmp/ro"
fi
[ -z "$(ls -A "$tmp/ro")" ] || fail "read-only directory: $(ls -A "$tmp/ro")"

# An existing output is replaced by rename: a new inode, never a mix.
printf 'old\n' >"$tmp/ro/fig.svg"
ln "$tmp/ro/fig.svg" "$tmp/ro/old-link"
expect 0 "overwrite" -- "$bin" plot welfare twotype -o "$tmp/ro/fig.svg"
svg_ok "$tmp/ro/fig.svg" "information cost"
[ "$(cat "$tmp/ro/old-link")" = old ] || fail "the old file was written in place"
[ "$(ls -A "$tmp/ro" | wc -l)" -eq 2 ] || fail "leftovers: $(ls -A "$tmp/ro")"

finish plot
