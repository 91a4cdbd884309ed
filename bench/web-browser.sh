#!/usr/bin/env bash
# The web page in a real browser (issue 14): `pyrolab web` until headless Chromium shows every
# demo service RUNNING, and `pyrolab stop|start NAME` until the page shows the new state, on the
# built installation in a temporary PYROLAB_HOME with the demo lab. Needs Debian's chromium and
# chromium-driver (as the browser test does).
# Usage: bench/web-browser.sh [ROUNDS]   (default 10; build first: mvn -B -DskipTests install)
set -euo pipefail
rounds=${1:-10}
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "needs chromium and chromium-driver (apt-get install chromium chromium-driver)" >&2; exit 1; }
. "$(dirname "$0")/installation.sh" "mvn -B -DskipTests install"

sed 's/ns_port: 9090/ns_port: 0/' "$root/config/demo.yaml" > "$work/demo.yaml" # never the fixed Pyro5 port
"$pyrolab" up --config "$work/demo.yaml" >/dev/null

cd "$root/launcher"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
echo "# web page in headless Chromium, $(date -u +%FT%TZ), $(nproc) cores, $(/usr/bin/chromium --version 2>/dev/null | head -1)"
java -cp "target/test-classes:$(cat target/bench.classpath)" org.pyrolab.launcher.bench.WebPageTiming "$pyrolab" "$rounds" demo.echo
