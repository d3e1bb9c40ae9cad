#!/bin/sh
# cli.sh - the non-interactive commands as a script would use them:
# outputs, messages with file:line:col, and exit statuses.
set -u
. "$(dirname "$0")/testlib.sh"

expect 0 "version" -- "$bin" --version
contains out "cmlcontract" "version names the program"
expect 0 "help" -- "$bin" --help
contains out "solve FILE|PRESET" "help lists solve"
contains out "Exit status" "help lists exit statuses"
contains out "fit FILE.csv" "help lists fit"

expect 0 "presets" -- "$bin" presets
for p in twotype scenario1 scenario2 scenario3; do
	contains out "$p" "presets lists $p"
done

expect 0 "solve a preset" -- "$bin" solve scenario3
contains out "PARTIAL POOLING  {1,2} {3,4} {5}" "scenario 3 pools in three groups"
contains out "104.389" "scenario 3: type 1 contributes 104.4"
expect 0 "json" -- "$bin" solve scenario3 --format json --complete-info
contains out '"status": "partial pooling"' "json status"
contains out '"complete_info"' "json complete_info"
contains out '"pooling_groups": [[1, 2], [3, 4], [5]]' "json groups"
# The binding constraints, as a lecturer reads them (issue 10); the
# matrix and lists against m and t: tests/test-incentives.c.
contains out '"ir": [1, 3, 5],' "json: IR binds for types 1, 3 and 5"
contains out '"ic": [[3, 2], [5, 4]]' "json: IC binds 3->2 and 5->4"
contains out '"incentives": [' "json: the incentive matrix"
expect 0 "json scenario1" -- "$bin" solve scenario1 --format json
contains out '"ic": [[5, 4]]' "json: scenario 1's type 5 is held by type 4's option"
expect 0 "text incentives" -- "$bin" solve scenario3
contains out "IR binds: 1, 3, 5 - IC binds: 3->2, 5->4" "text: the binding line"
contains out "Incentives t_j - c_i m_j" "text: the incentive table"
expect 0 "csv" -- "$bin" solve twotype --format=csv
[ "$(wc -l <"$tmp/out")" -eq 3 ] || {
	echo "FAIL: csv has a header and one row per type"
	failures=$((failures + 1))
}

expect 2 "unknown scenario" -- "$bin" solve nosuchthing
contains err "no such file or preset" "unknown scenario message"
contains err "scenario3" "unknown scenario lists presets"
expect 2 "missing file" -- "$bin" solve ./nosuch.yaml
contains err "nosuch.yaml" "missing file is named"
expect 2 "bad format" -- "$bin" solve scenario3 --format xml
expect 2 "unknown option" -- "$bin" solve scenario3 --frobnicate
expect 2 "no scenario" -- "$bin" solve
expect 2 "unknown command" -- "$bin" frobnicate

# Special files are refused at once, named, by every command that reads a
# scenario (a FIFO would block open() until a writer came).
mkfifo "$tmp/fifo.yaml"
expect 2 "solve a FIFO" -- timeout 10 "$bin" solve "$tmp/fifo.yaml"
contains err "fifo.yaml: not a regular file (a FIFO)" "solve names the FIFO"
expect 2 "sweep a FIFO" -- timeout 10 "$bin" sweep "$tmp/fifo.yaml" --x N=1:2:2
contains err "fifo.yaml: not a regular file (a FIFO)" "sweep names the FIFO"
expect 2 "explore a FIFO" -- timeout 10 "$bin" "$tmp/fifo.yaml"
contains err "fifo.yaml: not a regular file (a FIFO)" "explore names the FIFO"
expect 2 "solve a directory" -- timeout 10 "$bin" solve "$tmp"
contains err "not a regular file (a directory)" "solve names the directory"

# Control characters in names and paths reach the terminal only as visible
# escapes (text report and messages); JSON escapes them in its own syntax.
esc=$(printf '\033')
cat >"$tmp/ctl.yaml" <<'YAML'
participants: 10
name: "x\e]0;title\a"
types:
  - {name: "a\e[31m\x7f\x9b", cost: 0.5, prob: 0.5}
  - {cost: 0.25, prob: 0.5}
YAML
raw_controls() { LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/$1"; }
expect 0 "control characters" -- "$bin" solve "$tmp/ctl.yaml"
raw_controls out && fail "the text report wrote control characters raw"
contains out 'x\x1b]0;title\x07' "the scenario name is escaped"
contains out 'a\x1b[31m' "the type name is escaped (cut to its column)"
expect 0 "control characters json" -- "$bin" solve "$tmp/ctl.yaml" --format json
raw_controls out && fail "JSON wrote control characters raw"
contains out '"name": "a\u001b[31m\u007f\u009b"' "JSON escapes DEL and C1"
expect 2 "control characters in a path" -- "$bin" solve "$tmp/e${esc}vil.yaml"
raw_controls err && fail "a message echoed a path raw"
contains err 'e\x1bvil.yaml' "the path is escaped in the message"
expect 2 "control characters in an option" -- "$bin" solve ctl --x${esc}y
raw_controls err && fail "a message echoed an option raw"

# A file with a bad value: named with line and column, nothing printed.
cat >"$tmp/bad.yaml" <<'YAML'
participants: 10
types:
  - {name: a, cost: 0.5, prob: 0.5}
  - {name: b, cost: -1, prob: 0.5}
YAML
expect 2 "bad cost" -- "$bin" solve "$tmp/bad.yaml"
contains err "bad.yaml:4:" "bad cost is located"
[ -s "$tmp/out" ] && { echo "FAIL: bad input printed a report"; failures=$((failures + 1)); }

# Types out of order: sorted, and said so.
cat >"$tmp/order.yaml" <<'YAML'
participants: 10
types:
  - {name: cheap, cost: 0.01, prob: 0.5}
  - {name: dear, cost: 0.02, prob: 0.5}
YAML
expect 0 "unsorted types" -- "$bin" solve "$tmp/order.yaml"
contains err "sorted by cost" "sorting is reported"
contains out "dear" "names follow their types"

# No collaboration is an answer, not an error (golden.json edge case).
cat >"$tmp/none.yaml" <<'YAML'
participants: 2
types:
  - {cost: 1, prob: 0.2}
  - {cost: 0.85, prob: 0.2}
  - {cost: 0.7, prob: 0.2}
  - {cost: 0.55, prob: 0.2}
  - {cost: 0.4, prob: 0.2}
YAML
expect 0 "no collaboration" -- "$bin" solve "$tmp/none.yaml"
contains out "no collaboration" "no collaboration is said plainly"
expect 0 "no collaboration json" -- "$bin" solve "$tmp/none.yaml" --format json
contains out '"status": "no collaboration"' "json says no collaboration"

# --method overrides the scenario's method: for solve, sweep and the
# explorer; a bad value is bad input, and exact is refused beyond its
# limit, naming the scenario.
expect 0 "solve --method exact" -- "$bin" solve twotype --method exact
contains out "N = 10 participants, 2 types, exact: 11 outcomes" \
	"the text report says exact with the outcome count"
expect 0 "solve --method=approx" -- "$bin" solve twotype --method=approx \
	--format json
contains out '"exact": false,' "json: not exact"
contains out '"method": "approx",' "json: the method"
contains out '"expectation_error": ' "json: the error bound"
expect 0 "solve --method approx text" -- "$bin" solve twotype --method approx
contains out "N = 10 participants, 2 types, approx: error <= " \
	"the text report says approx with the error bound"
expect 2 "solve --method unknown" -- "$bin" solve twotype --method fft
contains err "cmlcontract solve: unknown method 'fft' (exact, approx or auto)" \
	"an unknown method is named with the allowed ones"
expect 2 "solve --method missing" -- "$bin" solve twotype --method
contains err "--method needs exact, approx or auto" "a missing method"
expect 2 "sweep --method unknown" -- "$bin" sweep twotype --x N=2:3:2 \
	--method EXACT
contains err "cmlcontract sweep: unknown method 'EXACT'" "sweep refuses it"
expect 2 "explorer --method unknown" -- "$bin" --method none twotype
contains err "cmlcontract: unknown method 'none'" "the explorer refuses it"
cat >"$tmp/big.yaml" <<'YAML'
participants: 10000
types:
  - {cost: 4, prob: 0.25}
  - {cost: 3, prob: 0.25}
  - {cost: 2, prob: 0.25}
  - {cost: 1, prob: 0.25}
YAML
for cmd in solve "sweep --x k=1:2:2" ""; do
	# shellcheck disable=SC2086
	expect 2 "exact beyond its limit ($cmd)" -- "$bin" $cmd "$tmp/big.yaml" \
		--method exact
	contains err "big.yaml: --method exact: N = 10000 with 4 types has more outcomes than the 1000000 exact enumeration handles" \
		"exact beyond its limit is refused ($cmd)"
done
cat >"$tmp/approx.yaml" <<'YAML'
participants: 10
method: approx
types:
  - {cost: 0.02, prob: 0.5}
  - {cost: 0.01, prob: 0.5}
YAML
expect 0 "--method over the file's method" -- "$bin" solve "$tmp/approx.yaml" \
	--method exact --format json
contains out '"method": "exact",' "the option wins over the file"
expect 0 "the file's method" -- "$bin" solve "$tmp/approx.yaml" --format json
contains out '"method": "approx",' "the file's method is used"
printf 'participants: 10\nmethod: sampled\ntypes:\n  - {cost: 1, prob: 1}\n' \
	>"$tmp/bad-method.yaml"
expect 2 "bad method in a file" -- "$bin" solve "$tmp/bad-method.yaml"
contains err "bad-method.yaml:2:9: unknown method 'sampled'; known methods: auto, exact, approx" \
	"a bad method is located"

# A solver stopped early is a failure with its reason (status 3).
expect 3 "capped solver" -- "$bin" solve scenario1 --max-evaluations 2
contains err "ran out of evaluations" "the reason is printed"
expect 2 "bad cap" -- "$bin" solve scenario1 --max-evaluations zero

# fit: a learning curve of power(0.9, 2, 0.5) gives its accuracy: block,
# which loads as a scenario; malformed files get FILE:LINE:COL.
printf 'data,accuracy\n10,0.26754446796632\n100,0.7\n1000,0.83675444679663\n10000,0.88\n' >"$tmp/curve.csv"
expect 0 "fit power" -- "$bin" fit "$tmp/curve.csv"
contains out "accuracy:
  family: power
  a_opt: 0.9
  b: 2
  alpha: 0.5" "fit prints the power block"
contains out "# RMS residual:" "fit prints the RMS residual"
{ printf 'participants: 4\n'; cat "$tmp/out"; printf 'types:\n  - {cost: 0.01, prob: 1}\n'; } >"$tmp/fitted.yaml"
expect 0 "fitted block loads" -- "$bin" solve "$tmp/fitted.yaml"
expect 0 "fit best" -- "$bin" fit "$tmp/curve.csv" --family best
contains out "family: power" "best picks power for a power curve"
contains out "# best of the families by RMS residual: sgb" "best lists the families"
printf '10,0.5\n20,x\n' >"$tmp/bad.csv"
expect 2 "fit bad number" -- "$bin" fit "$tmp/bad.csv"
contains err "bad.csv:2:4: the accuracy 'x' is not a number" "fit error at FILE:LINE:COL"
printf '10,0.5\n' >"$tmp/one.csv"
expect 2 "fit too few points" -- "$bin" fit "$tmp/one.csv" --family exp
contains err "one.csv:2:1: 1 points are fewer than the 2 parameters" "too few points"
expect 2 "fit unknown family" -- "$bin" fit "$tmp/curve.csv" --family cubic
contains err "unknown family 'cubic'" "unknown family named"

# A concave valuation: the report gives E[v(a(S))] and E[a(S)], the JSON
# the expected reward accuracy per type; approx is refused at its place.
cat >"$tmp/cara.yaml" <<'YAML'
participants: 10
valuation: {family: cara, scale: 100, lambda: 3}
types:
  - {name: High cost, cost: 0.02, prob: 0.5}
  - {name: Low cost, cost: 0.01, prob: 0.5}
YAML
expect 0 "cara solve" -- "$bin" solve "$tmp/cara.yaml" --complete-info
contains out "valuation cara: scale = 100, lambda = 3" "cara parameters reported"
contains out "E[v(a(S))] = 98.3586" "cara: expected model value"
contains out "(E[a(S)] = 0.9091642" "cara: expected accuracy beside it"
expect 0 "cara json" -- "$bin" solve "$tmp/cara.yaml" --format json
contains out '"family": "cara"' "cara family in json"
contains out '"expected_accuracy": 0.9091642' "cara: E[a(S)] in json"
contains out '"reward_accuracy": 0.90887' "cara: E_1[r_1] through v^-1"
printf 'method: approx\n' >"$tmp/cara-approx.yaml"
cat "$tmp/cara.yaml" >>"$tmp/cara-approx.yaml"
expect 2 "cara approx" -- "$bin" solve "$tmp/cara-approx.yaml"
contains err "cara-approx.yaml:1:9: method approx needs a linear valuation, not cara" \
	"approx with cara refused at the method"
expect 2 "cara --method approx" -- "$bin" solve "$tmp/cara.yaml" --method approx
contains err "method approx needs a linear valuation" "--method approx refused"

finish CLI
