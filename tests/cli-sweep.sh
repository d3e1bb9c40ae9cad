#!/bin/sh
# cli-sweep.sh - "cmlcontract sweep" as a script would use it: CSV and
# JSON shapes, the figure2 preset's own axes, invalid grid points, bad
# axes and exit statuses.  Only POSIX tools (no python, no jq).
set -u
. "$(dirname "$0")/testlib.sh"

# lines FILE COUNT DESCRIPTION
lines() {
	n=$(wc -l <"$tmp/$1")
	[ "$n" -eq "$2" ] || fail "$3: $n lines, wanted $2"
}

header_tail='status,groups,expected_model_value,complete_expected_model_value,information_cost,m.1,t.1,u.1,rent.1,m.2,t.2,u.2,rent.2,solver_result,evaluations,exact,method,expectation_error,pooling_within_error,reason'

expect 0 "help" -- "$bin" --help
contains out "sweep FILE|PRESET" "help lists sweep"
contains out "PARAM=FROM:TO:STEPS" "help shows the axis form"

# figure2 carries Figure 2's axes: 30 values of p.1 times N = 2..100.
expect 0 "figure2 default axes" -- "$bin" sweep figure2
lines out 1501 "figure2: a header and 1500 points"
[ "$(head -n 1 "$tmp/out")" = "p.1,N,$header_tail" ] ||
	fail "figure2 header: $(head -n 1 "$tmp/out")"
contains out '0.01,2,separating,{1} {2},' "p.1 = 0.01 separates at N = 2"
contains out '0.99,100,pooling,"{1,2}",' "p.1 = 0.99 pools at N = 100"
[ -s "$tmp/err" ] && fail "stderr is not a terminal, yet got: $(head -c 200 "$tmp/err")"
n=$(grep -c ',ok,' "$tmp/out")
[ "$n" -eq 1500 ] || fail "figure2: $n of 1500 points solved ok"

# A 1-D sweep over N, CSV without the benchmark.
expect 0 "1-D sweep" -- "$bin" sweep twotype --x N=2:10:5 --no-complete-info \
	--threads 1
lines out 6 "1-D: a header and 5 points"
[ "$(head -n 1 "$tmp/out")" = "N,$header_tail" ] ||
	fail "1-D header: $(head -n 1 "$tmp/out")"
awk -F, 'NR > 1 && ($5 != "" || $6 != "") { bad = 1 } END { exit bad }' \
	"$tmp/out" || fail "--no-complete-info leaves the benchmark empty"
cut -d, -f1 "$tmp/out" | tr '\n' ' ' | grep -qF "N 2 4 6 8 10 " ||
	fail "N = 2, 4, ..., 10: $(cut -d, -f1 "$tmp/out" | tr '\n' ' ')"

# JSON: the schema, both axes, one object per point.
expect 0 "json" -- "$bin" sweep figure2 --x p.1=0.2:0.8:4 --y N=2:4:2 \
	--format json
contains out '"schema": "cmlcontract.sweep/1"' "json schema"
contains out '"source": "preset:figure2"' "json source"
contains out '"param": "p.1"' "json x axis"
contains out '"param": "N"' "json y axis"
contains out '"values": [0.2, 0.4, 0.6, 0.8]' "json x values"
contains out '"pooling_groups": [[1, 2]]' "json pooled groups"
contains out '"complete_expected_model_value": ' "json benchmark"
contains out '"result": "ok"' "json solver result"
contains out '"seconds": ' "json seconds"
n=$(grep -c '"ix": ' "$tmp/out")
[ "$n" -eq 8 ] || fail "json: $n points, wanted 8"
[ "$(grep -c '{' "$tmp/out")" -eq "$(grep -c '}' "$tmp/out")" ] ||
	fail "json braces do not balance"
[ "$(tail -n 1 "$tmp/out")" = "}" ] || fail "json ends with }"

# --method: every point says how its expectations were computed (labels
# only; approx numbers are the approximation's own tests').
expect 0 "sweep --method approx" -- "$bin" sweep twotype --x N=2:3:2 \
	--method approx --no-complete-info --threads 1
n=$(grep -c ',false,approx,[^,]*,\(true\|false\),$' "$tmp/out")
[ "$n" -eq 2 ] || fail "--method approx: $n of 2 rows say approx"
expect 0 "sweep --method exact json" -- "$bin" sweep twotype --x N=2:3:2 \
	--method exact --format json --no-complete-info --threads 1
n=$(grep -c '"method": "exact",' "$tmp/out")
[ "$n" -eq 2 ] || fail "--method exact: $n of 2 points say exact"
contains out '"expectation_error": 0,' "json: exact points have no error"
contains out '"pooling_within_error": false,' "json: no call within the error"

# Invalid grid points are rows with a reason, not errors.
expect 0 "invalid points" -- "$bin" sweep twotype --x c.2=0.005:0.03:6
lines out 7 "invalid points: all 6 rows are written"
n=$(grep -c ',invalid,' "$tmp/out")
[ "$n" -eq 3 ] || fail "c.2 >= 0.02: $n invalid rows, wanted 3"
contains out "c.2 = 0.02 reaches type 1's cost 0.02; types must keep their cost order" \
	"invalid rows give the reason"
expect 0 "invalid points json" -- "$bin" sweep twotype --x p.1=0.5:1:3 \
	--format json
contains out '"status": "invalid"' "json invalid status"
contains out '"reason": "p.1 = 1 leaves no probability for the other types"' \
	"json invalid reason"

# Bad axes and arguments: status 2, the problem named, nothing printed.
expect 2 "unknown parameter" -- "$bin" sweep twotype --x q.1=0:1:3
contains err "--x: unknown parameter 'q.1'; use N, p.J, c.J, outside.J.profit, a_opt, k or scale" \
	"unknown parameter message"
[ -s "$tmp/out" ] && fail "a bad axis printed output"
expect 2 "type out of range" -- "$bin" sweep twotype --x c.3=0.1:0.2:3
contains err "--x: c.3: the scenario has types 1 to 2" "type range message"
# Every refusal of a file's sweep section keeps FILE:LINE:COL.
cat >"$tmp/huge-grid.yaml" <<'YAML'
participants: 10
types:
  - {cost: 0.5, prob: 0.5}
  - {cost: 0.25, prob: 0.5}
sweep:
  x: N=1:1000:1000
  y: p.1=0.01:0.99:1000
YAML
expect 2 "a grid too big" -- "$bin" sweep "$tmp/huge-grid.yaml"
contains err "huge-grid.yaml:7:6: sweep: 1000 x 1000 = 1000000 grid points" \
	"a grid too big is located"
expect 2 "huge type number" -- "$bin" sweep twotype --x p.99999999999=0.1:0.2:2
contains err "--x: p.99999999999: the scenario has types 1 to 2" \
	"the axis name is echoed as given"
expect 2 "bad y" -- "$bin" sweep twotype --x N=2:4:3 --y p.1=0.1:2:3
contains err "--y: p.1: 2 is outside the supported range: prob must be in [1e-9, 1]" \
	"range message names --y and the range"
expect 2 "repeated N" -- "$bin" sweep twotype --x N=2:10:20
contains err "repeat N" "rounded duplicates are refused"
expect 2 "same parameter" -- "$bin" sweep twotype --x p.1=0.1:0.9:3 \
	--y p.2=0.1:0.9:3
contains err "both set probabilities" "conflicting axes"
expect 2 "no axes" -- "$bin" sweep twotype
contains err "--x" "missing axes name --x"
expect 2 "y without x" -- "$bin" sweep figure2 --y N=2:4:2
contains err "--y needs --x" "--y alone"
expect 2 "missing value" -- "$bin" sweep twotype --x
expect 2 "bad format" -- "$bin" sweep figure2 --format text
expect 2 "bad threads" -- "$bin" sweep figure2 --threads 0
expect 2 "unknown option" -- "$bin" sweep figure2 --frobnicate
expect 2 "no scenario" -- "$bin" sweep
expect 2 "unknown scenario" -- "$bin" sweep nosuchthing --x N=2:4:2
contains err "no such file or preset" "unknown scenario"

# A scenario file's sweep section: used by default, checked with a place.
cat >"$tmp/mine.yaml" <<'YAML'
participants: 4
types:
  - {cost: 0.3, prob: 0.5}
  - {cost: 0.1, prob: 0.5}
sweep:
  x: c.1=0.2:0.4:3
YAML
expect 0 "file axes" -- "$bin" sweep "$tmp/mine.yaml"
lines out 4 "file axes: 3 points"
[ "$(head -n 1 "$tmp/out" | cut -d, -f1)" = "c.1" ] || fail "file axis label"
expect 0 "--x overrides the file" -- "$bin" sweep "$tmp/mine.yaml" \
	--x N=1:2:2
[ "$(head -n 1 "$tmp/out" | cut -d, -f1)" = "N" ] || fail "--x wins"
cat >"$tmp/bad.yaml" <<'YAML'
participants: 4
types:
  - {cost: 0.3, prob: 0.5}
  - {cost: 0.1, prob: 0.5}
sweep:
  x: p.1=0.2:0.4:3
  y: p.3=0.2:0.4:3
YAML
expect 2 "bad file axis" -- "$bin" sweep "$tmp/bad.yaml"
contains err "bad.yaml:7:6: sweep: y: p.3: the scenario has types 1 to 2" \
	"file axis errors are located"

# A valuation family's parameter is an axis by its key: gamma from 0.3 to
# the linear 1, every point solved exactly.
cat >"$tmp/power.yaml" <<'YAML'
participants: 6
valuation: {family: power, scale: 100, gamma: 0.5}
types:
  - {cost: 0.02, prob: 0.5}
  - {cost: 0.01, prob: 0.5}
YAML
expect 0 "gamma axis" -- "$bin" sweep "$tmp/power.yaml" --x gamma=0.3:1:8 \
	--threads 1
lines out 9 "gamma axis: a header and 8 points"
[ "$(head -n 1 "$tmp/out" | cut -d, -f1)" = "gamma" ] || fail "gamma label"
n=$(grep -c ',ok,.*,true,exact,' "$tmp/out")
[ "$n" -eq 8 ] || fail "gamma axis: $n of 8 points solved ok, exactly"
expect 2 "gamma axis, approx" -- "$bin" sweep "$tmp/power.yaml" \
	--x gamma=0.3:1:8 --method approx
contains err "method approx needs a linear valuation, not power" \
	"approx refused for a non-linear valuation"

finish "sweep CLI"
