#!/usr/bin/env bash
# The daemon and services benchmarks for two builds in one run: BASE_REF is built in a temporary
# git worktree, then bench/daemon-lifecycle.sh and bench/services.sh run against the base
# installation and the current one, alternating, so both see the same machine.
# Usage: bench/compare.sh BASE_REF [ROUNDS]   (build the current tree first: mvn -B -q install -DskipTests)
set -euo pipefail
base_ref="${1:?usage: bench/compare.sh BASE_REF [ROUNDS]}"
rounds="${2:-2}"
root="$(cd "$(dirname "$0")/.." && pwd -P)"
current="$root/launcher/target/pyrolab"
[ -x "$current/bin/pyrolab" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
cleanup() {
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "building $base_ref in a worktree..."
git -C "$root" worktree add --detach "$work/base" "$base_ref" >/dev/null
(cd "$work/base" && mvn -B -q package -DskipTests)
base="$work/base/launcher/target/pyrolab"
for r in $(seq 1 "$rounds"); do
  for which in base current; do
    install=$([ "$which" = base ] && echo "$base" || echo "$current")
    echo "--- round $r: $which"
    PYROLAB_INSTALL="$install" "$root/bench/daemon-lifecycle.sh" 5 | sed "s/^/$which: /"
    PYROLAB_INSTALL="$install" "$root/bench/services.sh" 10 | sed "s/^/$which: /"
  done
done
