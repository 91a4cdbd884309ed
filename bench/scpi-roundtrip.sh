#!/usr/bin/env bash
# Builds the SCPI driver and simulator and times query round trips to its B2900 simulator over loopback.
# Usage: bench/scpi-roundtrip.sh [--count N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."
module=bundles/drivers/scpi
# the reactor, so the simulator module (bundles/drivers/scpi-sim) is built too, without `mvn install`
mvn -B -q -pl "$module" -am -DskipTests test-compile
exec java -cp "$module/target/classes:$module/target/test-classes:bundles/drivers/scpi-sim/target/classes" \
    org.pyrolab.driver.scpi.ScpiRoundTripBenchmark "$@"
