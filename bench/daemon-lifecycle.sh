#!/usr/bin/env bash
# Times the daemon's life cycle on the built installation (launcher/target/pyrolab) in a
# temporary PYROLAB_HOME: `up` until it answers, one `status` round trip, `down` until the
# process has exited, and the idle daemon's RSS. Uses hyperfine when installed, else a plain loop.
# Usage: bench/daemon-lifecycle.sh [RUNS]   (default 10; build first: mvn -B -DskipTests install)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd -P)
built="${PYROLAB_INSTALL:-$root/launcher/target/pyrolab}" # PYROLAB_INSTALL: measure another installation
[ -x "$built/bin/pyrolab" ] || { echo "not built: run mvn -B -DskipTests install in $root" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pyrolab-bench.XXXXXX")
# a copy of the installation, so a build running meanwhile cannot change it under the benchmark
cp -a "$built" "$work/install"
pyrolab="$work/install/bin/pyrolab"
PYROLAB_HOME="$work/home"
export PYROLAB_HOME
export PYROLAB_ALLOW_ROOT=${PYROLAB_ALLOW_ROOT:-1} # benchmark machines often run as root; the warning is not news here
cleanup() {
  status=$?
  "$pyrolab" down >/dev/null 2>&1 || true
  # if down could not do it, end the daemon this script started by its recorded pid
  left=$(sed -n 's/^pid=//p' "$PYROLAB_HOME/pyrolabd.lock" 2>/dev/null || true)
  if [ -n "$left" ] && grep -q "pyrolab.data=$PYROLAB_HOME" "/proc/$left/cmdline" 2>/dev/null; then kill -9 "$left"; fi
  [ "$status" -eq 0 ] || cat "$work/prepare.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

quiet() { "$@" >/dev/null 2>&1 || true; }

# a first start fills the bundle cache and the class-data archives; the figures are for later starts
"$pyrolab" up >/dev/null
"$pyrolab" down >/dev/null

median_ms() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.0f", m/1e6}'; }

# loop NAME PREPARE COMMAND: the median wall time of COMMAND over $runs runs, PREPARE before each
loop() {
  local name=$1 prepare=$2 command=$3 times=()
  for _ in $(seq "$runs"); do
    quiet sh -c "$prepare"
    local t0 t1
    t0=$(date +%s%N)
    sh -c "$command" >/dev/null
    t1=$(date +%s%N)
    times+=($((t1 - t0)))
  done
  printf '%-8s median %5s ms  (runs: %s)\n' "$name" "$(printf '%s\n' "${times[@]}" | median_ms)" "$runs"
}

if command -v hyperfine >/dev/null 2>&1; then
  echo "hyperfine $(hyperfine --version | cut -d' ' -f2), $runs runs each, PYROLAB_HOME=$PYROLAB_HOME"
  json="$work"
  hyperfine --runs "$runs" --prepare "$pyrolab down || true" --cleanup "$pyrolab down || true" \
    --export-json "$json/up.json" -n up "$pyrolab up"
  "$pyrolab" up >/dev/null
  hyperfine --runs "$runs" --warmup 2 --export-json "$json/status.json" -n status "$pyrolab status"
  quiet "$pyrolab" down
  hyperfine --runs "$runs" --prepare "$pyrolab up >>$json/prepare.log 2>&1" --export-json "$json/down.json" -n down "$pyrolab down"
  for b in up status down; do
    # hyperfine 1.15 prints the mean; the targets are medians
    printf '%-8s median %5s ms  (runs: %s)\n' "$b" \
      "$(tr ',[]' '\n\n\n' < "$json/$b.json" | sed -n '/"times"/,/"exit_codes"/p' | grep -E '^ *[0-9.]+ *$' \
         | awk '{printf "%d\n", $1 * 1e9}' | median_ms)" "$runs"
  done
else
  echo "hyperfine not found: plain loop with date +%s%N, $runs runs each, PYROLAB_HOME=$PYROLAB_HOME"
  loop up "$pyrolab down" "$pyrolab up"
  quiet "$pyrolab" down
  "$pyrolab" up >/dev/null
  quiet "$pyrolab" status
  loop status "true" "$pyrolab status"
  loop down "$pyrolab up" "$pyrolab down"
fi

# idle RSS: a fresh daemon, left alone for a few seconds
quiet "$pyrolab" down
"$pyrolab" up >/dev/null
pid=$(sed -n 's/^pid=//p' "$PYROLAB_HOME/pyrolabd.lock")
sleep 5
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
echo "idle daemon RSS: $((rss_kb / 1024)) MiB ($rss_kb kB, pid $pid)"
