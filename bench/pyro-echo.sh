#!/usr/bin/env bash
# Pyro5 echo benchmark: Pyrolite clients against PyroServer over loopback.
# Usage: bench/pyro-echo.sh [callsPerClient]   (default 50000)
set -euo pipefail
here="$(cd "$(dirname "$0")/../bundles/remote" && pwd)"
cd "$here"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms256m -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.pyrolab.remote.bench.EchoBenchmark "$@"
