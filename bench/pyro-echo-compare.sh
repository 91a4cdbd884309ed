#!/usr/bin/env bash
# Pyro5 echo through a real daemon, before and after a change, in one run: builds BASE_REF in a
# temporary git worktree, then alternates the two installations (base, current, base, current...)
# under the same Pyrolite client (this tree's EchoBenchmark), and last measures the current one
# while 64 connections each hold a stalled 16 MiB message.
# Usage: bench/pyro-echo-compare.sh BASE_REF [callsPerClient] [rounds]
#        (build the current tree first: mvn -B -q install -DskipTests)
set -euo pipefail
base_ref="${1:?usage: bench/pyro-echo-compare.sh BASE_REF [callsPerClient] [rounds]}"
calls="${2:-50000}"
rounds="${3:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
current="$root/launcher/target/pyrolab"
[ -x "$current/bin/pyrolab" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
export PYROLAB_ALLOW_ROOT=1
running=""
cleanup() {
  [ -n "$running" ] && PYROLAB_HOME="$work/home" "$running/bin/pyrolab" down >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building $base_ref in a worktree..."
git -C "$root" worktree add --detach "$work/base" "$base_ref" >/dev/null
(cd "$work/base" && mvn -B -q package -DskipTests)
base="$work/base/launcher/target/pyrolab"


cd "$root/bundles/remote"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"

# one measurement of installation $1 ("base" or "current" in the output), extra client arguments after it
measure() {
  local label="$1" install="$2"; shift 2
  rm -rf "$work/home"
  export PYROLAB_HOME="$work/home"
  "$install/bin/pyrolab" up --config "$root/bench/echo-lab.yaml" >/dev/null
  running="$install"
  local ns_port
  ns_port=$("$install/bin/pyrolab" ps --json | grep -o 'PYRO:Pyro.NameServer@127.0.0.1:[0-9]*' | head -n 1 | sed 's/.*://')
  java -Xms256m -Xmx512m -cp "$cp" org.pyrolab.remote.bench.EchoBenchmark "$calls" --ns "$ns_port" --name lab.echo "$@" \
    | sed "s/^/$label: /"
  "$install/bin/pyrolab" down >/dev/null
  running=""
}

for r in $(seq 1 "$rounds"); do
  echo "--- round $r"
  measure base "$base"
  measure current "$current"
done
echo "--- under attack"
measure current "$current" --stall 64
