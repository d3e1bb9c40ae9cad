#!/bin/sh
# tui-tmux.sh - the explorer end to end, driven through tmux as a person
# would: keys in with send-keys, the screen out with capture-pane, polling
# until the expected text appears (no fixed sleeps).
#
# At 80x24 and 160x48: every preset loads; a cost and a probability edit
# give the same numbers and pooling status as 'cmlcontract solve --format
# json' on the edited scenario (saved from the explorer); a refused value
# shows its message; resizing redraws; save and reload round-trip; LANG=C
# draws no non-ASCII byte; q exits with status 0 and restores the terminal.
set -u
. "$(dirname "$0")/testlib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is needed for this test (Debian: tmux)"
	exit 1
fi
runs=0
sock=cmltest$$-0
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# start W H ENV... -- ARGS...: the explorer in a fresh tmux server.
start() {
	w=$1 h=$2
	shift 2
	envs=
	while [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	shift
	# A fresh server (and socket) per run: no race with the last one.
	T kill-server 2>/dev/null
	runs=$((runs + 1))
	sock=cmltest$$-$runs
	rm -f "$tmp/status"
	T new-session -d -x "$w" -y "$h" -c "$tmp" \
		"env $envs $bin $* ; echo \$? > $tmp/status; sleep 600"
	T set-option -g remain-on-exit on >/dev/null
}

screen() { T capture-pane -p; }

# wait_for TEXT: polls the screen up to 10 s.
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for '$1'; the screen:"
	screen | sed 's/^/  | /'
	return 1
}

# wait_gone TEXT: polls until TEXT has left the screen.
wait_gone() {
	i=0
	while [ $i -lt 200 ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "'$1' stayed on the screen"
	return 1
}

keys() { T send-keys "$@"; }

# json FIELD FILE: the first numeric value of "FIELD" in a JSON report.
json() {
	sed -n "s/^ *\"$1\": \\([-0-9.e+]*\\),*\$/\\1/p" "$2" | head -n 1
}

# exited STATUS WHAT: polls up to 10 s for the explorer to end, then
# checks its exit status.
exited() {
	i=0
	while [ ! -s "$tmp/status" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ "$(cat "$tmp/status" 2>/dev/null)" = "$1" ] || fail "$2: did not exit $1"
}

# quit_clean: q exits with status 0 and leaves the alternate screen.
quit_clean() {
	keys q
	exited 0 q
	[ "$(T display -p '#{alternate_on}')" = 0 ] ||
		fail "the terminal was left in the alternate screen"
	screen | grep -qF "Types (" && fail "the explorer stayed on screen"
}

for size in 80x24 160x48; do
	w=${size%x*} h=${size#*x}
	start "$w" "$h" LANG=C.UTF-8 TERM=xterm-256color -- --fixed-clock

	# The default scenario is the paper's scenario 3.
	wait_for "scenario3" || continue
	if [ "$w" -lt 140 ]; then
		wait_for "Notes: what to notice (any key closes)"
		keys Escape
		wait_gone "any key closes"
	fi
	wait_for "PARTIAL POOLING  {1,2} {3,4} {5}"

	# Every preset loads through the menu.
	for p in twotype scenario1 scenario2 scenario3 figure2; do
		keys p
		wait_for "Presets (Enter loads"
		# Move to the preset: go to the top, then down to its line.
		for _ in 1 2 3 4 5 6; do keys Up; done
		idx=$(printf 'twotype\nscenario1\nscenario2\nscenario3\nfigure2\n' |
			grep -n "^$p\$" | cut -d: -f1)
		i=1
		while [ $i -lt "$idx" ]; do
			keys Down
			i=$((i + 1))
		done
		keys Enter
		wait_for "loaded preset $p"
		if screen | grep -qF "any key closes"; then
			keys Escape
			wait_gone "any key closes"
		fi
		wait_for " $p"
	done

	# Back to scenario 3; edit type 1's cost and type 2's probability.
	keys p Up Enter
	wait_for "loaded preset scenario3"
	if screen | grep -qF "any key closes"; then
		keys Escape
		wait_gone "any key closes"
	fi
	keys 0 . 4 5 Enter
	wait_for "scenario3*"
	keys Down Right Enter C-u 0 . 3 Enter
	wait_for "other probabilities were rescaled"
	# A value that would give two types one cost is refused.
	keys Left Enter C-u 0 . 0 3 Enter
	wait_for "refused: type 3 already has cost 0.03"
	# Esc then a key at once is Alt+key (ignored): wait for Esc to act.
	keys Escape
	wait_for "edit cancelled"
	# Save the edited scenario and solve it from the command line.
	keys s C-u "$tmp/edited-$size.yaml" Enter
	wait_for "saved to $tmp/edited-$size.yaml"
	"$bin" solve "$tmp/edited-$size.yaml" --format json >"$tmp/edited.json" ||
		fail "solve on the saved scenario"
	ev=$(printf '%.4f' "$(json expected_model_value "$tmp/edited.json")")
	m1=$(printf '%.2f' "$(json contribution "$tmp/edited.json")")
	status=$(sed -n 's/^ *"status": "\(.*\)",$/\1/p' "$tmp/edited.json" |
		tr 'a-z' 'A-Z')
	wait_for "E[v(a(S))] = $ev"
	wait_for "$status"
	screen | grep -qE "^.  1 +[0-9.]+ +[0-9.]+ +(no|yes) +$m1 " ||
		screen | grep -qF " $m1 " || fail "m_1 = $m1 not on screen"

	# Reload the saved file: same scenario, no unsaved changes.
	keys o C-u "$tmp/edited-$size.yaml" Enter
	wait_for "opened $tmp/edited-$size.yaml"
	if screen | grep -qF "any key closes"; then
		keys Escape
		wait_gone "any key closes"
	fi
	screen | grep -qF "scenario3*" && fail "reloaded scenario marked modified"
	wait_for "E[v(a(S))] = $ev"
	keys s Enter
	wait_for "exists. Overwrite it? (y/n)"
	keys y
	wait_for "saved to"

	# Resize: compact tabs, the notice, and back.
	T resize-window -x 60 -y 20
	wait_for " Types "
	wait_for " Cont"
	T resize-window -x 30 -y 10
	wait_for "is too"
	T resize-window -x "$w" -y "$h"
	wait_for "Status and properties"

	# Undo everything back to the preset; quit asks only if modified.
	keys q
	if screen | grep -qF "unsaved changes"; then
		keys n
	fi
	quit_clean
done

# The map: open it, let it fill, move the cursor, read a value (checked
# against 'cmlcontract sweep'), load the point into the editor.
start 160 48 LANG=C.UTF-8 TERM=xterm-256color -- --fixed-clock figure2
wait_for "Status and properties"
keys m
wait_for "Map: pooling or separating"
wait_gone "computing ("
keys v v
wait_for "Map: information cost"
for _ in $(seq 60); do keys Down Left; done
for _ in $(seq 14); do keys Right; done
wait_for "p.1 = 0.483103, N = 2: separating {1} {2}"
"$bin" sweep figure2 >"$tmp/figure2.csv" || fail "sweep figure2"
cost=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "information_cost") c = i; next }
	$2 == 2 && $1 + 0 > 0.4830 && $1 + 0 < 0.4832 { print $c }' "$tmp/figure2.csv")
[ -n "$cost" ] || fail "no sweep row for p.1 = 0.4831, N = 2"
wait_for "information cost $(printf '%.5f' "$cost")"
keys Enter
wait_for "loaded p.1 = 0.483103, N = 2 into the editor"
wait_for "figure2*"
wait_for "0.483103"
screen | grep -q "N  *2  *parties" || fail "N = 2 not loaded into the editor"
keys q
wait_for "unsaved changes"
keys y
exited 0 "quit after the map"

# The screening diagram (g) on scenario 1: at 80x24 zoomed (z) and at
# 160x48, in UTF-8 and LANG=C, with and without colour.  Type 5 picked
# out (5): its numbers match 'cmlcontract solve --format json', and its
# option's marker sits left of (and above) its reservation point's, as
# in the paper.  Z zooms on the options; at 40x12 and 45x14 the pane says
# it has no room for the legend.
"$bin" solve scenario1 --format json >"$tmp/scenario1.json" ||
	fail "solve scenario1"
# nth_json FIELD N: the Nth numeric value of "FIELD" in that report.
nth_json() {
	sed -n "s/^ *\"$1\": \([-0-9.e+]*\),*\$/\1/p" "$tmp/scenario1.json" |
		sed -n "$2p"
}
m5=$(printf '%.3f' "$(nth_json contribution 5)")
t5=$(printf '%.4f' "$(nth_json reward_value 5)")
# where TEXT: "row col" of TEXT's first character on the screen (col in
# characters, whatever the locale's bytes).
where() {
	row=$(screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$row" ] || return 0
	before=$(screen | sed -n "${row}p" | awk -v s="$1" \
		'{ print substr($0, 1, index($0, s) - 1) }')
	echo "$row $(printf '%s' "$before" | LC_ALL=C.UTF-8 wc -m)"
}
for setup in "80 24 z UTF-8 colour" "160 48 - UTF-8 colour" \
	"80 24 z C mono" "160 48 - C mono" "80 24 z UTF-8 mono" \
	"160 48 - C colour"; do
	set -- $setup
	w=$1 h=$2 zoom=$3 charset=$4 colour=$5
	envs="TERM=xterm-256color"
	[ "$charset" = C ] && envs="$envs LANG=C LC_ALL=C" ||
		envs="$envs LANG=C.UTF-8"
	[ "$colour" = mono ] && envs="$envs NO_COLOR=1"
	start "$w" "$h" $envs -- --fixed-clock scenario1
	wait_for "Status and properties"
	if screen | grep -qF "any key closes"; then
		keys Escape
		wait_gone "any key closes"
	fi
	keys g
	[ "$zoom" = z ] && keys z
	wait_for "Screening: value t against data m, everything"
	keys 5
	wait_for "type 5: "
	screen | grep "type 5: " | grep -F "m $m5" | grep -qF "t $t5" ||
		fail "$setup: type 5's line lacks m $m5 or t $t5"
	if [ "$charset" = C ]; then
		option='*5' alone='@5'
		if screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
			fail "screening diagram, LANG=C: non-ASCII bytes"
		fi
	else
		option='●5' alone='○5'
		screen | grep -q "$(printf '\342\240')" ||
			fail "screening diagram, UTF-8: no Braille cells"
	fi
	set -- $(where "$option") $(where "$alone")
	if [ $# -ne 4 ]; then
		fail "$setup: '$option' or '$alone' not on screen"
	elif [ "$2" -ge "$4" ] || [ "$1" -ge "$3" ]; then
		fail "$setup: type 5's option ($1, $2) is not left of and above its reservation point ($3, $4)"
	fi
	screen | grep -qF "1-4" || fail "$setup: the pooled option 1-4 unlabelled"
	# Colour: SGR colour codes in the capture, none with NO_COLOR.
	if T capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7]"; then
		[ "$colour" = mono ] && fail "$setup: colour with NO_COLOR"
	else
		[ "$colour" = colour ] && fail "$setup: no colour"
	fi
	keys Z
	wait_for "around the options (Z: everything)"
	screen | grep -qF "$option" || fail "$setup: zoom lost type 5's option"
	screen | grep -qF "$alone" &&
		fail "$setup: the reservation point shown around the options"
	if [ "$w" = 80 ]; then
		# The compact layout opens on Types (zoomed: without tabs);
		# g brings the diagram back.
		T resize-window -x 40 -y 12
		wait_for "Types (5)"
		keys g
		for tiny in "40 12" "45 14"; do
			T resize-window -x "${tiny% *}" -y "${tiny#* }"
			wait_for "Screening; no legend: z zooms"
			wait_for "type 5: m $m5 t $t5"
		done
		T resize-window -x "$w" -y "$h"
		wait_for "Screening: value t against data m"
	fi
	quit_clean
done

# Never frozen: a scenario whose solve takes a quarter of a second.  Keys
# typed while it solves are handled at once (the header says so), only the
# newest scenario's answer is shown, and Esc abandons a running solve.
{
	printf 'name: ten\nparticipants: 10\ntypes:\n'
	c=0.5
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		printf '  - {cost: %s, prob: 0.1}\n' "$c"
		c=$(awk "BEGIN { print $c * 0.6 }")
	done
} >"$tmp/ten.yaml"
start 120 40 LANG=C.UTF-8 TERM=xterm-256color -- --fixed-clock "$tmp/ten.yaml"
wait_for "Status and properties"
wait_gone "solving"
wait_for "E[v(a(S))] = "
keys + + + + +
wait_for "solving"
wait_for "pending"
wait_gone "solving"
wait_for "ten*"
keys s C-u "$tmp/ten-edited.yaml" Enter
wait_for "saved to $tmp/ten-edited.yaml"
grep -q "cost: 0.52550" "$tmp/ten-edited.yaml" ||
	fail "five nudges did not all reach the scenario"
"$bin" solve "$tmp/ten-edited.yaml" --format json >"$tmp/ten.json" ||
	fail "solve on the nudged scenario"
ev=$(printf '%.4f' "$(json expected_model_value "$tmp/ten.json")")
wait_for "E[v(a(S))] = $ev"
keys +
wait_for "solving"
keys Escape
wait_for "solve abandoned"
wait_for "STALE"
keys -
wait_gone "STALE"
wait_for "E[v(a(S))] = $ev"
# The nudge back undid the abandoned one exactly: nothing unsaved.
screen | grep -qF "ten*" && fail "+ then - left the scenario modified"
quit_clean

# Keys as terminals really send them (issue 8): raw sequences through
# send-keys -l.  Unknown ones are dropped whole, never read as Esc, '['
# (N - 1) and a digit (a cost edit); Home and End in every terminal's
# spelling go to the first and last row; F1 variants open the help; a
# bracketed paste lands in an open edit field as text and does nothing
# elsewhere.
raw() { T send-keys -l "$1"; }
cursor_y() { T display -p '#{cursor_y}'; }
# wait_cursor Y: polls until the terminal cursor is on screen line Y.
wait_cursor() {
	i=0
	while [ $i -lt 200 ]; do
		[ "$(cursor_y)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$2: the cursor is on line $(cursor_y), wanted $1"
	return 1
}
start 80 24 LANG=C.UTF-8 TERM=xterm-256color -- --fixed-clock twotype
wait_for "any key closes"
keys Escape
wait_gone "any key closes"
wait_for "SEPARATING"
# The rows of the types pane: N on line 2, the last type on line 8.
home_y=2 end_y=8
wait_cursor 7 "start (type 1's cost)"
for seq in '\033[4~' '\033[8~' '\033[F' '\033OF'; do
	raw "$(printf "$seq")"
	wait_cursor $end_y "End as $seq"
	raw k
	wait_cursor 7 "Up after End as $seq"
done
for seq in '\033[1~' '\033[7~' '\033[H' '\033OH'; do
	raw "$(printf '\033[4~')"
	wait_cursor $end_y "End before Home as $seq"
	raw "$(printf "$seq")"
	wait_cursor $home_y "Home as $seq"
done
# Unknown sequences, Alt+key, stray paste markers: nothing changes.
for seq in '\033[11;5~' '\033[E' '\033OE' '\033[1;5H' '\033[15;2~' \
	'\033x' '\033[201~'; do
	raw "$(printf "$seq")"
done
# End as a sync point: every sequence before it has been read.
raw "$(printf '\033[4~')"
wait_cursor $end_y "End after unknown sequences"
screen | grep -qF "twotype*" && fail "an escape sequence changed the scenario"
screen | grep -qF "N=10 " || fail "an escape sequence changed N"
screen | grep -qE "[0-9]~" && fail "an escape sequence opened an edit"
raw "$(printf '\033[1~')"
wait_cursor $home_y "after unknown sequences"
# F1 as xterm and as PuTTY/rxvt send it opens the help.
for seq in '\033OP' '\033[11~'; do
	raw "$(printf "$seq")"
	wait_for "Help: Up/Down scroll"
	keys Escape
	wait_gone "Help: Up/Down scroll"
done
# A paste outside an edit field does nothing: not q, not [, not a digit.
raw "$(printf '\033[200~q[4]a\r0.5\033[201~')"
raw "$(printf '\033[4~')"
wait_cursor $end_y "End after a paste"
screen | grep -qF "twotype*" && fail "a paste outside an edit changed the scenario"
screen | grep -qF "N=10 " || fail "a paste outside an edit changed N"
# A paste into an open cost edit: its first line, as text, not committed.
keys Up Enter C-u
raw "$(printf '\033[200~0.05\r0.07\r\033[201~')"
wait_for "0.05"
screen | grep -qF "0.07" && fail "a paste's second line reached the field"
screen | grep -qF "twotype*" && fail "a paste committed the edit"
keys Enter
wait_for "twotype*"
screen | grep -qE "1 High cost +0\.05 " ||
	fail "the pasted cost 0.05 was not committed"
keys q
wait_for "unsaved changes"
keys y
exited 0 "quit after the keys"

# LANG=C and no colour: not one byte outside ASCII on the screen.
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 TERM=xterm -- --fixed-clock scenario1
wait_for "any key closes"
keys Escape
wait_gone "any key closes"
keys r
wait_for "Reward distributions"
if screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	fail "LANG=C screen has non-ASCII bytes"
fi
quit_clean

# The incentive table (view i) at 80x24 zoomed and 160x48, UTF-8 and
# LANG=C: the binding line and the numbers of scenario 3's table are
# those of 'cmlcontract solve --format json'.
"$bin" solve scenario3 --format json >"$tmp/s3.json" || fail "solve scenario3"
# Row 4 of the matrix, the row of type 4, to 4 decimals (as drawn).
row4=$(sed -n '/"incentives": \[/,/\]$/p' "$tmp/s3.json" | sed -n 5p |
	tr -d '[] ' | tr ',' '\n' | while read -r v; do
		[ -n "$v" ] && printf '%.4f\n' "$v"
	done)
rent4=$(printf '%.4f' "$(sed -n 's/^ *"rent": \([-0-9.e+]*\),*$/\1/p' "$tmp/s3.json" | sed -n 4p)")
grep -qF '"ic": [[3, 2], [5, 4]]' "$tmp/s3.json" || fail "json binding ic"
for run in "80 24 LANG=C.UTF-8" "160 48 LANG=C.UTF-8" "80 24 LANG=C LC_ALL=C" \
	"160 48 LANG=C LC_ALL=C"; do
	set -- $run
	w=$1 h=$2
	shift 2
	start "$w" "$h" "$@" TERM=xterm-256color -- --fixed-clock scenario3
	wait_for "scenario3"
	if screen | grep -qF "any key closes"; then
		keys Escape
		wait_gone "any key closes"
	fi
	keys i
	wait_for "Incentives t_j - c_i m_j"
	if [ "$w" -lt 140 ]; then
		# Zoom, and Tab on until the zoom is on the incentive table.
		keys z
		wait_for "zoomed"
		for _ in 1 2 3 4 5 6; do
			screen | grep -qF "Incentives t_j - c_i m_j" && break
			keys Tab
			sleep 0.2
		done
		wait_gone "Status and properties"
		wait_for "Incentives t_j - c_i m_j"
	fi
	case $1 in
	LANG=C.UTF-8) wait_for "IR binds: 1, 3, 5 · IC binds: 3→2, 5→4" ;;
	*) wait_for "IR binds: 1, 3, 5 - IC binds: 3->2, 5->4"
		if screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
			fail "LANG=C incentive table has non-ASCII bytes"
		fi ;;
	esac
	wait_for "* own  = IC binds  > best other option"
	# Row 4: its own option starred, every number of the JSON's row.
	line=$(screen | grep -F "60.7289*" | head -n 1)
	[ -n "$line" ] || fail "$w x $h $1: row 4's own option is not marked"
	for v in $row4 $rent4; do
		printf '%s\n' "$line" | grep -qF -- "$v" ||
			fail "$w x $h $1: $v of row 4 not on screen: $line"
	done
	# Row 5 binds with the option of {3, 4}: marked '='.
	screen | grep -F "82.8942*" | grep -qF "82.8942=" ||
		fail "$w x $h $1: row 5 does not mark its binding IC"
	quit_clean
done

# A lesson as a class walks it (issue 10): Space, PageDown (ESC [ 6 ~),
# DEL and ^H as Backspace, PageUp (ESC [ 5 ~), Esc leaves, L resumes; in
# ASCII at 80x24 and in UTF-8 at a zoomed 60x16, where Space first pages
# through a text the strip cannot hold.
for run in "80 24 LANG=C LC_ALL=C TERM=xterm" \
	"60 16 LANG=C.UTF-8 TERM=rxvt-unicode-256color"; do
	set -- $run
	start "$@" -- lesson --fixed-clock
	wait_for "Lesson 1/14: Training alone"
	until_step() {
		i=0
		while ! screen | grep -qF "Lesson $1/14"; do
			raw "$2"
			sleep 0.1
			i=$((i + 1))
			[ $i -lt 20 ] || { fail "$run: no step $1"; break; }
		done
	}
	until_step 2 ' '
	until_step 3 "$(printf '\033[6~')"
	wait_for "Lesson 3/14: Break-even"
	until_step 2 "$(printf '\177')"
	until_step 1 "$(printf '\033[5~')"
	raw "$(printf '\010')"
	wait_for "the first step"
	if [ "$3" = LANG=C ] &&
		screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
		fail "lesson, LANG=C: non-ASCII bytes"
	fi
	keys Escape
	wait_for "left the lesson at step 1 of 14"
	wait_gone "Lesson 1/14"
	keys L
	wait_for "Lesson 1/14"
	quit_clean
done

# A saved file round-trips byte for byte through open and save.
cp "$tmp/edited-80x24.yaml" "$tmp/round.yaml"
start 100 30 LANG=C.UTF-8 TERM=xterm-256color -- --fixed-clock \
	"$tmp/round.yaml"
# The file keeps scenario 3's notes, so they pop up: waited for, not
# glanced at (a key sent before they show would only close them).
wait_for "any key closes"
keys Escape
wait_gone "any key closes"
keys s Enter
wait_for "Overwrite it? (y/n)"
keys y
wait_for "saved to"
cmp -s "$tmp/round.yaml" "$tmp/edited-80x24.yaml" ||
	fail "open + save changed the file"
quit_clean

# A terminal that cannot address the cursor is refused like an unknown
# TERM: one line with the fix, exit status 2, before curses starts.
# A hardcopy entry is compiled when tic is there (Debian: ncurses-bin).
refused() {
	exited 2 "$1"
	wait_for "cmlcontract: the terminal type '$1' cannot move the cursor"
	wait_for "TERM=xterm-256color cmlcontract"
}
start 200 24 LANG=C.UTF-8 TERM=dumb -- twotype
refused dumb
if command -v tic >/dev/null 2>&1; then
	printf 'cmlhardcopy|a hardcopy terminal,\n\thc, os, cols#80,\n\tbel=^G, cr=\\r, ind=\\n,\n' \
		>"$tmp/hardcopy.ti"
	tic -o "$tmp/terminfo" "$tmp/hardcopy.ti" || fail "tic"
	start 200 24 LANG=C.UTF-8 TERMINFO="$tmp/terminfo" TERM=cmlhardcopy -- twotype
	refused cmlhardcopy
fi

finish explorer
