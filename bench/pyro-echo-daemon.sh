#!/usr/bin/env bash
# Pyro5 echo benchmark through a real daemon: the built installation in a temporary PYROLAB_HOME
# with a nameserver, an endpoint and one sample.echo service; Pyrolite clients in another JVM.
# Usage: bench/pyro-echo-daemon.sh [callsPerClient]   (build first: mvn -B -q install -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
install="$root/launcher/target/pyrolab"
[ -x "$install/bin/pyrolab" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
export PYROLAB_HOME="$work/home" PYROLAB_ALLOW_ROOT=1
cleanup() { "$install/bin/pyrolab" down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"$install/bin/pyrolab" up --config "$root/bench/echo-lab.yaml" >/dev/null
ns_port=$("$install/bin/pyrolab" ps --json | grep -o 'PYRO:Pyro.NameServer@127.0.0.1:[0-9]*' | head -n 1 | sed 's/.*://')
cd "$root/bundles/remote"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xms256m -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.pyrolab.remote.bench.EchoBenchmark "${1:-50000}" --ns "$ns_port" --name lab.echo
