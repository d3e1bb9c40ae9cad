# testlib.sh - shared by the shell tests (sourced, not run): a scratch
# directory, failure counting, and checks on a command's exit status and
# output.  Each script ends with `finish NAME`.
bin=${CMLCONTRACT:-src/cmlcontract}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect STATUS DESCRIPTION -- COMMAND...: runs it; stdout and stderr go
# to $tmp/out and $tmp/err.
expect() {
	want=$1 what=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, wanted $want"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
	fi
}

# contains FILE TEXT DESCRIPTION: FILE is out or err (or any in $tmp).
contains() {
	if ! grep -qF -- "$2" "$tmp/$1"; then
		fail "$3: '$2' not in $1"
		sed 's/^/  /' "$tmp/$1" | head -10
	fi
}

# finish NAME: the closing line and the exit status.
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures $1 check(s) failed"
		exit 1
	fi
	echo "all $1 checks passed"
	exit 0
}
