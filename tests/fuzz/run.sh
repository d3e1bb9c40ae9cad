#!/bin/sh
# run.sh - build the scenario fuzz target with libFuzzer and run it.
#
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60)
#
# Builds with clang -fsanitize=fuzzer,address,undefined into a temporary
# directory and fuzzes a copy of tests/fuzz/corpus there, so the repository
# gains no files.  Exits non-zero if the fuzzer finds a crash, a leak or
# undefined behaviour; the crashing input is kept and its path printed.
set -eu

seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CC:-}
if [ -z "$CC" ]; then
	for c in clang clang-14 clang-15 clang-16; do
		if command -v "$c" >/dev/null 2>&1; then
			CC=$c
			break
		fi
	done
fi
if [ -z "$CC" ]; then
	echo "run.sh: clang not found (Debian: clang and libclang-rt-dev)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cmlfuzz.XXXXXX")
keep=no
cleanup() {
	if [ "$keep" = no ]; then
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# Only the loader's own sources: no NLopt, no solver.
"$CC" -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I"$top/src" $(pkg-config --cflags yaml-0.1) \
	"$here/fuzz-scenario.c" \
	"$top/src/scenario-yaml.c" "$top/src/yaml-reader.c" \
	"$top/src/atomic-file.c" "$top/src/file-read.c" "$top/src/c-locale.c" \
	"$top/src/scenario.c" "$top/src/param.c" "$top/src/error.c" \
	"$top/src/sweep-axis.c" "$top/src/textsafe.c" \
	"$top/src/accuracy.c" "$top/src/valuation.c" \
	$(pkg-config --libs yaml-0.1) -lm \
	-o "$work/fuzz-scenario"

mkdir "$work/corpus" "$work/artifacts"
cp "$here"/corpus/* "$work/corpus/"
status=0
"$work/fuzz-scenario" -max_total_time="$seconds" -max_len=4096 \
	-timeout=10 -print_final_stats=1 -dict="$here/scenario.dict" \
	-artifact_prefix="$work/artifacts/" "$work/corpus" \
	>"$work/log" 2>&1 || status=$?
tail -n 25 "$work/log"
if [ "$status" -ne 0 ]; then
	keep=yes
	echo "run.sh: the fuzzer failed (status $status); inputs and log in" \
		"$work" >&2
	exit 1
fi
echo "run.sh: no crashes in $seconds s"
