#!/usr/bin/env bash
# The web page's costs and speed on the built installation (launcher/target/pyrolab), in a
# temporary PYROLAB_HOME (issue 14):
#   - idle daemon RSS and `up` time with `web: off` and `web: on`, in alternating rounds;
#   - state change -> Server-Sent Event: a POST stop/start, timed until /api/events says so;
#   - `pyrolab web` until the page's files and first API answers are in (HTTP level, no browser:
#     the browser figure comes with the page's Selenium test).
# Usage: bench/web.sh [ROUNDS]   (default 5; build first: mvn -B -DskipTests package)
set -euo pipefail
rounds=${1:-5}
. "$(dirname "$0")/installation.sh" "mvn -B -DskipTests package"

config() { # config WEB: the demo's services, with the given web: line
  sed '/^web:/d' "$root/config/demo.yaml" > "$work/lab.yaml"
  echo "web: $1" >> "$work/lab.yaml"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2)}'; }

config on; "$pyrolab" up --config "$work/lab.yaml" >/dev/null; "$pyrolab" down >/dev/null # fill the caches

declare -A rss up
for round in $(seq "$rounds"); do
  for web in off on; do
    config "$web"
    t0=$(date +%s%N)
    "$pyrolab" up --config "$work/lab.yaml" >/dev/null
    t1=$(date +%s%N)
    if [ "$web" = on ]; then "$pyrolab" web >/dev/null; fi # waits until it serves
    sleep 10 # idle
    pid=$(sed -n 's/^pid=//p' "$PYROLAB_HOME/pyrolabd.lock")
    kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    rss[$web]+="$((kb / 1024)) "
    up[$web]+="$(((t1 - t0) / 1000000)) "
    "$pyrolab" down >/dev/null
  done
done
for web in off on; do
  printf 'web: %-3s  idle RSS median %s MiB (%s)  up median %s ms (%s)\n' "$web" \
    "$(printf '%s\n' ${rss[$web]} | median)" "${rss[$web]% }" "$(printf '%s\n' ${up[$web]} | median)" "${up[$web]% }"
done

config on
"$pyrolab" up --config "$work/lab.yaml" >/dev/null
PYROLAB="$pyrolab" ROUNDS=$((rounds * 4)) python3 - <<'PY'
import http.client, os, statistics, subprocess, threading, time, urllib.parse, queue

pyrolab, rounds = os.environ["PYROLAB"], int(os.environ["ROUNDS"])

def link():
    return subprocess.run([pyrolab, "web"], check=True, capture_output=True, text=True).stdout.strip()

def connect(u):
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)

# `pyrolab web` until the page's files and its first answers are in, as a browser would fetch them
ready = []
for _ in range(rounds):
    t0 = time.perf_counter()
    u = urllib.parse.urlsplit(link())
    c = connect(u)
    c.request("GET", "/?" + u.query); r = c.getresponse(); r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    for path in ["/", "/app.css", "/app.js", "/api/daemon", "/api/services"]:
        c.request("GET", path, headers={"Cookie": cookie}); r = c.getresponse(); r.read()
        assert r.status == 200, (path, r.status)
    ready.append((time.perf_counter() - t0) * 1000)
    c.close()
print("pyrolab web -> page's files and first answers (HTTP, no browser): median %.0f ms (%s)"
      % (statistics.median(ready), " ".join("%.0f" % t for t in ready)))

# state change -> event: POST stop/start, until /api/events carries the new state
events = queue.Queue()
s = connect(u)
s.request("GET", "/api/events", headers={"Cookie": cookie})
stream = s.getresponse()
def read():
    for line in stream:
        events.put((time.perf_counter(), line.decode()))
threading.Thread(target=read, daemon=True).start()
latency = []
c = connect(u)
for i in range(rounds):
    action, state = ("stop", "STOPPED") if i % 2 == 0 else ("start", "RUNNING")
    while not events.empty():
        events.get()
    t0 = time.perf_counter()
    c.request("POST", "/api/services/demo.echo/" + action, headers={"Cookie": cookie, "X-PyroLab": "1"})
    r = c.getresponse(); r.read()
    while True:
        t, line = events.get(timeout=30)
        if line.startswith("data: [") and '"name":"demo.echo","state":"%s"' % state in line:
            latency.append((t - t0) * 1000)
            break
print("POST stop/start -> services event: median %.0f ms, max %.0f ms (%d changes)"
      % (statistics.median(latency), max(latency), len(latency)))
PY
