#!/bin/sh
# tui-random.sh - random keys on the real explorer, through tmux.
#
# From a fixed seed, on several presets: keys of the action table (by
# their tmux names), raw escape sequences as PuTTY, rxvt and xterm send
# them (send-keys -l), printable characters, and a resize to a random
# size between 1x1 and 200x60 every couple of hundred keys.  After every
# batch the explorer must still be running; at the end q (answering the
# quit question when it comes) must exit 0.  tests/test-tui-random.c does
# the same in process, with many more keys.
#
# q and Ctrl-C are left out of the random keys (they would end the run
# early); saves and exports land in the scratch directory ('/' is never
# typed).
set -u
. "$(dirname "$0")/testlib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is needed for this test (Debian: tmux)"
	exit 1
fi
KEYS=${CML_RANDOM_KEYS:-1500}
runs=0
sock=cmlrand$$-0
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# plan SEED: the random input, one line per tmux call, from a
# Park-Miller generator (exact in awk's doubles, so the same everywhere):
#   K NAME...   keys of the action table by tmux name (q and C-c left out)
#   L TEXT      bytes, printf-escaped: raw sequences and printable text
#   R W H       a resize
plan() {
	awk -v seed="$1" -v keys="$KEYS" '
	function pick(n) { seed = (seed * 16807) % 2147483647; return seed % n }
	function put(op, item) {
		if (op != cur) { if (cur != "") print cur line; cur = op; line = "" }
		line = line " " item
		if (op == "L") { print "L" line; cur = ""; line = "" }
	}
	BEGIN {
		nn = split("? F1 Tab BTab Up Down Left Right k j h l Enter " \
			"KPEnter 0 1 5 9 . + = - _ > < [ ] a d DC p o s e u " \
			"C-r r c w n m x t M C-l Escape Home End PPage NPage " \
			"BSpace C-u C-a C-e v V X Y y n", names, " ")
		# Home/End/F1 as PuTTY and rxvt send them, keypad 5,
		# bracketed paste, both arrow modes, a mouse report.
		ns = split("\\033[1~ \\033[4~ \\033[11~ \\033[E " \
			"\\033[200~0.5\\033[201~ \\033[200~text\\033[201~ " \
			"\\033[200~ \\033[201~ \\033OP \\033OQ \\033[A \\033[B " \
			"\\033OC \\033OD \\033[H \\033[F \\033OH \\033[7~ " \
			"\\033[8~ \\033[5~ \\033[6~ \\033[3~ \\033[Z " \
			"\\033[1;5A \\033[M!!! \\033[<0;5;5M \\033\\033 " \
			"\\033x", seqs, " ")
		printable = "!\"#$%&()*+,-.0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnoprstuvwxyz{|}~"
		next_resize = 100
		for (k = 0; k < keys; k++) {
			if (k >= next_resize) {
				if (cur != "") print cur line
				cur = ""; line = ""
				print "R " 1 + pick(200) " " 1 + pick(60)
				next_resize += 100 + pick(200)
			}
			r = pick(100)
			if (r < 50)
				put("K", names[1 + pick(nn)])
			else if (r < 70)
				put("L", seqs[1 + pick(ns)])
			else {
				c = substr(printable, 1 + pick(length(printable)), 1)
				if (c == "%") c = "%%"
				if (c == "\\") c = "\\\\"
				put("L", c)
			}
		}
		if (cur != "") print cur line
	}'
}

# start W H PRESET: the explorer in a fresh tmux server.
start() {
	T kill-server 2>/dev/null
	runs=$((runs + 1))
	sock=cmlrand$$-$runs
	rm -f "$tmp/status"
	T new-session -d -x "$1" -y "$2" -c "$tmp" \
		"env LANG=C.UTF-8 TERM=xterm-256color $bin --fixed-clock $3; echo \$? > $tmp/status; sleep 600"
	T set-option -g remain-on-exit on >/dev/null
}

alive() { [ ! -s "$tmp/status" ]; }

# quit: Esc (leave a prompt or an edit), a pause longer than ESCDELAY
# so q is not read as Alt-q, q, and y if the quit question comes.
quit() {
	attempt=0
	while alive && [ $attempt -lt 5 ]; do
		attempt=$((attempt + 1))
		T send-keys Escape
		sleep 0.3
		T send-keys q
		i=0
		while alive && [ $i -lt 100 ]; do
			if T capture-pane -p | grep -qF "Quit anyway? (y/n)"; then
				T send-keys y
			fi
			sleep 0.05
			i=$((i + 1))
		done
	done
	[ "$(cat "$tmp/status" 2>/dev/null)" = 0 ] ||
		fail "$1: q did not exit 0 (status $(cat "$tmp/status" 2>/dev/null))"
}

set -f # key names such as ? and [ are words here, not patterns
seed=20240601
for preset in twotype scenario3 figure2; do
	seed=$((seed + 1))
	plan "$seed" >"$tmp/plan"
	start 80 24 "$preset"
	dead=
	while read -r op a b; do
		case $op in
		K) T send-keys -- $a $b ;;
		L) T send-keys -l -- "$(printf "$a")" ;;
		R)
			if ! alive; then
				dead=yes
				break
			fi
			T resize-window -x "$a" -y "$b"
			;;
		esac
	done <"$tmp/plan"
	# Let the last keys be read before judging.
	sleep 0.5
	if [ -n "$dead" ] || ! alive; then
		fail "$preset: the explorer died (status $(cat "$tmp/status"))"
		continue
	fi
	T resize-window -x 80 -y 24
	quit "$preset"
done

finish random-keys
