#!/usr/bin/env bash
# Times one command against a running daemon (`status`, `ps`) and `down` until the daemon's
# process is gone, with the native client and with the Java client (PYROLAB_NATIVE=0), on the
# built installation (launcher/target/pyrolab) in a temporary PYROLAB_HOME. Medians.
# Usage: bench/commands.sh [RUNS] [--busy]   (default 15 runs; build first: mvn -B -DskipTests package)
#   --busy  runs two CPU hogs (`while :; do :; done`) beside it, ended afterwards
set -euo pipefail
runs=15
busy=
for arg in "$@"; do
  case $arg in
    --busy) busy=1 ;;
    *) runs=$arg ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd -P)
built="${PYROLAB_INSTALL:-$root/launcher/target/pyrolab}" # PYROLAB_INSTALL: measure another installation
[ -x "$built/bin/pyrolab" ] || { echo "not built: run mvn -B -DskipTests package in $root" >&2; exit 1; }
[ -x "$built/lib/pyrolab-client" ] || echo "note: $built has no native client (built without cc): both rows use Java" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/pyrolab-bench.XXXXXX")
cp -a "$built" "$work/install" # a build running meanwhile cannot change what is measured
pyrolab="$work/install/bin/pyrolab"
export PYROLAB_HOME="$work/home"
export PYROLAB_ALLOW_ROOT=${PYROLAB_ALLOW_ROOT:-1}
export PYROLAB_NATIVE_REPORT="$work/report" # the native client notes which path served
hogs=()
cleanup() {
  status=$?
  for h in "${hogs[@]}"; do kill "$h" 2>/dev/null || true; done
  "$pyrolab" down >/dev/null 2>&1 || true
  left=$(sed -n 's/^pid=//p' "$PYROLAB_HOME/pyrolabd.lock" 2>/dev/null || true)
  if [ -n "$left" ] && grep -q "pyrolab.data=$PYROLAB_HOME" "/proc/$left/cmdline" 2>/dev/null; then kill -9 "$left"; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# a first start fills the bundle cache and the class-data archive; the figures are for later starts
"$pyrolab" up >/dev/null
"$pyrolab" down >/dev/null

if [ -n "$busy" ]; then
  for _ in 1 2; do sh -c 'while :; do :; done' & hogs+=($!); done
fi

now_ns() { local t=${EPOCHREALTIME/[.,]/}; echo "${t}000"; } # bash 5: no fork to read the clock
median_ms() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f", m/1e6}'; }

# measure NATIVE COMMAND...: median wall time; `down` runs after an `up` each time
measure() {
  local native=$1 times=() t0 t1
  shift
  for _ in $(seq "$runs"); do
    [ "$1" = down ] && "$pyrolab" up >/dev/null
    rm -f "$PYROLAB_NATIVE_REPORT"
    t0=$(now_ns)
    PYROLAB_NATIVE=$native "$pyrolab" "$@" >/dev/null
    t1=$(now_ns)
    times+=($((t1 - t0)))
    # a native figure that Java served would be a lie: check which path served
    if [ "$native" = 1 ] && [ -x "$work/install/lib/pyrolab-client" ] && ! grep -q "^native $1\$" "$PYROLAB_NATIVE_REPORT"; then
      echo "the native client did not serve $*: $(cat "$PYROLAB_NATIVE_REPORT" 2>/dev/null)" >&2
      exit 1
    fi
  done
  printf '%s\n' "${times[@]}" | median_ms
}

echo "$runs runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)${busy:+; two CPU hogs running}; $(nproc) cores"
printf '%-8s %10s %10s\n' command native java
"$pyrolab" up >/dev/null
for command in status ps; do
  PYROLAB_NATIVE=0 "$pyrolab" "$command" >/dev/null # warm the daemon's code path
  n=$(measure 1 "$command")
  j=$(measure 0 "$command")
  printf '%-8s %8s ms %8s ms\n' "$command" "$n" "$j"
done
"$pyrolab" down >/dev/null
n=$(measure 1 down)
j=$(measure 0 down)
printf '%-8s %8s ms %8s ms   (until the process is gone)\n' down "$n" "$j"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
