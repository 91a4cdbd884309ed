#!/usr/bin/env bash
# Builds the SCPI driver bundle and times query round trips to its B2900 simulator over loopback.
# Usage: bench/scpi-roundtrip.sh [--count N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/drivers/scpi
mvn -B -q -f "$module/pom.xml" -DskipTests test-compile
exec java -cp "$module/target/classes:$module/target/test-classes" \
    org.pyrolab.driver.scpi.ScpiRoundTripBenchmark "$@"
