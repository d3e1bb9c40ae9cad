#!/bin/sh
# cli-shard.sh - a sweep cut into shards and merged back, as a cluster
# would run it: four shards run by GNU parallel (as with --sshlogin or a
# Slurm job array, one process per shard), merged, equal one run of
# 'sweep --cold' byte for byte (JSON: but for the total seconds); the
# shards' errors and the merge's refusals.
set -u
. "$(dirname "$0")/testlib.sh"
if ! command -v parallel >/dev/null 2>&1; then
	echo "GNU parallel is needed for this test (Debian: parallel)"
	exit 1
fi
grid="--x p.1=0.05:0.95:10 --y N=2:40:8"

for format in csv json; do
	# shellcheck disable=SC2086
	parallel --will-cite --halt now,fail=1 "$bin" sweep figure2 $grid \
		--format $format --shard {}/4 '>' "$tmp/s{}.$format" \
		::: 1 2 3 4 || fail "$format: a shard failed"
	# shellcheck disable=SC2086
	"$bin" sweep figure2 $grid --format $format --cold >"$tmp/one.$format" ||
		fail "$format: the single cold run failed"
	expect 0 "$format: merge" -- "$bin" merge "$tmp/s1.$format" \
		"$tmp/s2.$format" "$tmp/s3.$format" "$tmp/s4.$format"
	grep -v '"seconds"' "$tmp/out" >"$tmp/merged"
	grep -v '"seconds"' "$tmp/one.$format" >"$tmp/single"
	cmp -s "$tmp/merged" "$tmp/single" ||
		fail "$format: 4 shards merged differ from one run: $(diff "$tmp/merged" "$tmp/single" | head -4)"
	# Every point is done in exactly one shard.
	n=$(cat "$tmp"/s[1-4].$format | grep -c '^not done$\|,not done,\|"status": "not done"')
	[ "$n" -eq $((80 * 3)) ] || fail "$format: $n 'not done' points in the shards, wanted 240"
done
# JSON's seconds are the shards' total.
contains out '"seconds": ' "merged JSON keeps its seconds"

# The order of the files does not matter; -o writes the file whole.
expect 0 "merge in another order to a file" -- "$bin" merge \
	"$tmp/s3.csv" "$tmp/s1.csv" "$tmp/s4.csv" "$tmp/s2.csv" -o "$tmp/m.csv"
cmp -s "$tmp/m.csv" "$tmp/one.csv" || fail "merge -o: differs from one run"
[ -s "$tmp/out" ] && fail "merge -o also wrote to stdout"
ls "$tmp" | grep -q '^\.m\.csv' && fail "merge -o left a temporary file"

# A shard run with threads gives the same points.
# shellcheck disable=SC2086
"$bin" sweep figure2 $grid --shard 2/4 --threads 2 >"$tmp/t2.csv"
cmp -s "$tmp/t2.csv" "$tmp/s2.csv" || fail "shard 2/4 on 2 threads differs"

# A missing shard: named, nothing written.
expect 2 "a shard missing" -- "$bin" merge "$tmp/s1.csv" "$tmp/s2.csv" \
	"$tmp/s4.csv"
contains err "a shard is missing" "missing shard named"
contains err "s1.csv:" "missing shard: file and line"
[ -s "$tmp/out" ] && fail "a failed merge wrote output"
expect 2 "a JSON shard missing" -- "$bin" merge "$tmp/s1.json" "$tmp/s3.json"
contains err "is done in no file" "JSON: missing shard named"

# Files that are not shards of one sweep.
expect 2 "CSV with JSON" -- "$bin" merge "$tmp/s1.csv" "$tmp/s2.json"
contains err "JSON, but" "mixed formats named"
"$bin" sweep figure2 --x p.1=0.05:0.95:10 --y N=2:40:7 --shard 1/2 >"$tmp/other.csv"
expect 2 "another sweep" -- "$bin" merge "$tmp/s1.csv" "$tmp/other.csv"
contains err "not a shard of the same sweep" "another sweep refused"
# Splits may overlap: cold points are the same in every split.
# shellcheck disable=SC2086
"$bin" sweep figure2 $grid --shard 1/2 >"$tmp/half.csv"
expect 0 "two splits overlapping" -- "$bin" merge "$tmp/s1.csv" \
	"$tmp/s2.csv" "$tmp/s3.csv" "$tmp/s4.csv" "$tmp/half.csv"
cmp -s "$tmp/out" "$tmp/one.csv" || fail "overlapping splits: differs from one run"
# A warm run's points are not the cold ones: refused where they meet.
# shellcheck disable=SC2086
"$bin" sweep figure2 $grid >"$tmp/warm.csv"
expect 2 "a warm run with a cold shard" -- "$bin" merge "$tmp/s1.csv" \
	"$tmp/warm.csv"
contains err "done differently" "points done differently named"
printf 'N,status\n' >"$tmp/bad.csv"
expect 2 "not a sweep" -- "$bin" merge "$tmp/bad.csv"
expect 2 "a directory" -- "$bin" merge "$tmp"
contains err "not a regular file" "directory refused"
expect 2 "no files" -- "$bin" merge

# --shard's values.
for bad in 0/4 5/4 1/0 2 a/b 1/4x -1/4; do
	expect 2 "--shard $bad" -- "$bin" sweep figure2 $grid --shard "$bad"
	contains err "--shard needs K/M" "--shard $bad refused"
done
finish shard
