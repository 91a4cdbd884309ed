#!/usr/bin/env bash
# Ours and the Python PyroLab in one run: ROUNDS rounds, each running bench/daemon-lifecycle.sh
# and bench/python-pyrolab.sh with RUNS runs, in alternating order (ours first in odd rounds),
# then one table with the median of the rounds' medians per figure and system.
#
# Usage: bench/side-by-side.sh [--busy] [ROUNDS [RUNS]]     (default 3 rounds of 5 runs)
#   --busy          beside two CPU hogs (sh -c 'while :; do :; done'), ended when the script ends
#   PYROLAB_INSTALL our installation (default launcher/target/pyrolab; build it first)
#   PYROLAB_PY_SRC, PYRO5_SRC  the Python PyroLab's and Pyro5's source trees (see python-pyrolab.sh)
set -euo pipefail
busy=0
if [ "${1:-}" = "--busy" ]; then busy=1; shift; fi
rounds=${1:-3}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd -P)

out=$(mktemp -d "${TMPDIR:-/tmp}/pyrolab-side-by-side.XXXXXX")
hogs=()
cleanup() {
  status=$?
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ] && ls "$out"/*.txt >/dev/null 2>&1; then echo "failed; the last outputs:" >&2; tail -n 30 "$out"/*.txt >&2; fi
  rm -rf "$out"
}
trap cleanup EXIT

if [ -z "${PYROLAB_PY_SRC:-}" ] || [ -z "${PYRO5_SRC:-}" ]; then
  "$here/python-pyrolab.sh" 1 || exit $? # prints how to get the sources
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
if [ "$busy" -eq 1 ]; then
  for _ in 1 2; do
    sh -c 'while :; do :; done' &
    hogs+=($!)
  done
  sleep 2
fi
echo "side by side: $rounds rounds of $runs runs each$([ "$busy" -eq 1 ] && echo ", beside two CPU hogs (pids ${hogs[*]})"); $(nproc) cores; load average $(load)"

# figure NAME FILE: the figure's median from one script's output (ms; MiB for rss)
figure() {
  case $1 in
    rss) sed -n 's/^idle daemon RSS: .*(\([0-9]*\) kB.*/\1/p' "$2" | awk '{printf "%.0f\n", $1 / 1024}' ;;
    *) sed -n "s/^$1 *median *\([0-9]*\) ms.*/\1/p" "$2" ;;
  esac
}

ours() { "$here/daemon-lifecycle.sh" "$runs" > "$out/ours-$1.txt" 2>&1; }
python() { "$here/python-pyrolab.sh" "$runs" > "$out/python-$1.txt" 2>&1; }
for r in $(seq "$rounds"); do
  before=$(load)
  if [ $((r % 2)) -eq 1 ]; then ours "$r"; python "$r"; else python "$r"; ours "$r"; fi
  printf 'round %s (load %s → %s): ours up %s status %s down %s ms, RSS %s MiB | Python up %s ps %s down %s ms, RSS %s MiB\n' \
    "$r" "$before" "$(load)" \
    "$(figure up "$out/ours-$r.txt")" "$(figure status "$out/ours-$r.txt")" "$(figure down "$out/ours-$r.txt")" \
    "$(figure rss "$out/ours-$r.txt")" \
    "$(figure up "$out/python-$r.txt")" "$(figure ps "$out/python-$r.txt")" "$(figure down "$out/python-$r.txt")" \
    "$(figure rss "$out/python-$r.txt")"
done
echo "ours: $(head -n 1 "$out/ours-1.txt")"
echo "Python: $(head -n 1 "$out/python-1.txt")"

median() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.0f", m}'; }
# across NAME SYSTEM: the median over the rounds, and the rounds' values
across() {
  local values
  values=$(for r in $(seq "$rounds"); do figure "$1" "$out/$2-$r.txt"; done)
  printf '%s %s' "$(median <<< "$values")" "$(tr '\n' ' ' <<< "$values" | sed 's/ $//; s/ / · /g')"
}
row() { # LABEL OURS_FIGURE PYTHON_FIGURE UNIT
  local o p om pm
  read -r om o <<< "$(across "$2" ours)"
  read -r pm p <<< "$(across "$3" python)"
  printf '| %s | %s %s (%s) | %s %s (%s) | %s |\n' "$1" "$om" "$4" "$o" "$pm" "$4" "$p" \
    "$(awk -v a="$om" -v b="$pm" 'BEGIN {printf "%.2f×", a / b}')"
}
echo
echo "| figure (median of $rounds rounds × $runs runs; load $(load) at the end) | ours | Python PyroLab | ours ÷ Python |"
echo "|---|---|---|---|"
row '`up` → daemon answers' up up ms
row 'one command (ours `status`, Python `ps`)' status ps ms
row '`down` → process gone' down down ms
row 'idle daemon RSS (Python: both its processes)' rss rss MiB
