#!/usr/bin/env bash
# Pyro5 echo over TLS vs plain TCP through one real daemon, in the same run: `pyrolab tls init`
# in a temporary PYROLAB_HOME, then bench/echo-lab-tls.yaml (the echo lab with a second, TLS
# endpoint: two-way, client certificate required); our Java PyroClient (Pyrolite has no TLS)
# measures one and eight clients on each, alternating.
# Usage: bench/pyro-echo-tls.sh [callsPerClient]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
install="${PYROLAB_INSTALL:-$root/launcher/target/pyrolab}"
[ -x "$install/bin/pyrolab" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
export PYROLAB_HOME="$work/home" PYROLAB_ALLOW_ROOT=1
cleanup() { "$install/bin/pyrolab" down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"$install/bin/pyrolab" tls init --client bench >/dev/null
# the lab file names tls/...: relative paths are taken from the configuration file's folder
cp "$root/bench/echo-lab-tls.yaml" "$PYROLAB_HOME/lab.yaml"
"$install/bin/pyrolab" up --config "$PYROLAB_HOME/lab.yaml" >/dev/null
ns_port=$("$install/bin/pyrolab" ps --json | grep -o 'PYRO:Pyro.NameServer@127.0.0.1:[0-9]*' | head -n 1 | sed 's/.*://')
cd "$root/bundles/pyro5"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
tls="$PYROLAB_HOME/tls"
java -Xms256m -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.pyrolab.pyro5.bench.TlsEchoBenchmark "${1:-50000}" "$ns_port" lab.echo lab.echo.tls \
    "$tls/ca.pem" "$tls/client-bench.pem" "$tls/client-bench.key"
