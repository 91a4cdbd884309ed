#!/usr/bin/env bash
# Times the Python PyroLab's daemon life cycle the way bench/daemon-lifecycle.sh times ours:
# `up` until its daemon answers, one `ps` round trip, `down` until its processes are gone, and
# the idle daemon's RSS summed over its processes. Medians of RUNS runs, plain loops.
#
# Usage: bench/python-pyrolab.sh [RUNS]    (default 10)
#   PYROLAB_PY_SRC  a checkout of https://github.com/BYUCamachoLab/pyrolab (the folder holding pyrolab/)
#   PYRO5_SRC       a checkout of https://github.com/irmen/Pyro5 (the folder holding Pyro5/)
#   PYROLAB_PY_PYTHON  the interpreter (default /usr/bin/python3, which sees Debian's python3-* packages)
#
# Nothing is installed and no home folder is touched: the Python PyroLab keeps its data (lock file,
# logs, configuration) inside its own package folder (pyrolab/data/local), so this script runs a
# copy of the package in a temporary folder, with HOME and the XDG folders pointing there too.
# How `up` is timed: the Python `pyrolab up` starts the daemon and returns at once, so a small
# probe (Pyro5 only) runs `pyrolab up` and then, every 5 ms, reads the lock file and calls the
# daemon's ps() as `pyrolab ps` does; the figure is from the start of `up` to the first answer.
# `down` is timed from its start until the daemon and every process under it has exited (a zombie
# counts as exited, as in daemon-lifecycle.sh). The daemon runs a multiprocessing manager as a
# second process; its RSS is added (PSS, which counts shared pages once, is printed too).
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd -P)

missing() {
  cat >&2 <<'EOF'
This benchmark needs the Python PyroLab's and Pyro5's source trees (nothing is installed):

  git clone https://github.com/BYUCamachoLab/pyrolab            # measured at 1ce3146 (0.4.0)
  git clone https://github.com/irmen/Pyro5 && git -C Pyro5 checkout v5.16
  PYROLAB_PY_SRC=$PWD/pyrolab PYRO5_SRC=$PWD/Pyro5 bench/python-pyrolab.sh 10

and the Python packages PyroLab imports, from Debian/Ubuntu (Python 3.9 or later; pydantic 1.x):

  apt-get install python3-pydantic python3-typer python3-serpent python3-tabulate \
                  python3-yaml python3-requests python3-packaging python3-colorama
EOF
  exit 2
}

src=${PYROLAB_PY_SRC:-}
pyro5=${PYRO5_SRC:-}
[ -n "$src" ] && [ -n "$pyro5" ] || { echo "PYROLAB_PY_SRC and PYRO5_SRC must be set" >&2; missing; }
[ -f "$src/pyrolab/pyrolabd.py" ] || { [ -f "$src/pyrolabd.py" ] && src=$(dirname "$src"); } # the package folder itself
[ -f "$src/pyrolab/pyrolabd.py" ] || { echo "no pyrolab/pyrolabd.py under PYROLAB_PY_SRC=$src" >&2; missing; }
[ -f "$pyro5/Pyro5/__init__.py" ] || { [ -f "$pyro5/__init__.py" ] && pyro5=$(dirname "$pyro5"); }
[ -f "$pyro5/Pyro5/__init__.py" ] || { echo "no Pyro5/__init__.py under PYRO5_SRC=$pyro5" >&2; missing; }
src=$(cd "$src" && pwd -P)
pyro5=$(cd "$pyro5" && pwd -P)
python=${PYROLAB_PY_PYTHON:-}
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=$(command -v python3); fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pyrolab-py-bench.XXXXXX")
# a copy of the package: its data folder (lock file, logs, user configuration) lives inside it
mkdir -p "$work/pkg" "$work/home/.config" "$work/home/.cache" "$work/home/.local/share" "$work/bin"
cp -a "$src/pyrolab" "$work/pkg/"
rm -rf "$work/pkg/pyrolab/data/local"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
  XDG_DATA_HOME="$work/home/.local/share"
export PYTHONPATH="$work/pkg:$pyro5${PYROLAB_PY_EXTRA_PATH:+:$PYROLAB_PY_EXTRA_PATH}"
unset PYTHONDONTWRITEBYTECODE # the warm-up writes the copy's __pycache__, as installing a package does
unset PYRO_LOGLEVEL PYRO_LOGFILE PYRO_SERIALIZER PYRO_SERVERTYPE 2>/dev/null || true
data="$work/pkg/pyrolab/data/local"
lock="$data/pyrolabd.lock"

# what pip's console script for "pyrolab = pyrolab.cli:app" does
pyrolab="$work/bin/pyrolab"
printf '#!%s\nimport sys\nfrom pyrolab.cli import app\nsys.exit(app())\n' "$python" > "$pyrolab"
chmod +x "$pyrolab"

# the probe: times `up` until the daemon answers and `down` until its processes are gone
cat > "$work/probe.py" <<'EOF'
import json, os, subprocess, sys, time
import Pyro5.api, Pyro5.errors

mode, pyrolab, lock, pids_file = sys.argv[1:5]

def read_lock():
    try:
        with open(lock) as f:
            return json.load(f)  # the daemon creates the file empty and writes it once it is listening
    except (OSError, ValueError):
        return None

def tree(pid):
    """pid and every process below it"""
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out

def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return False

def run(args):
    return subprocess.run([pyrolab] + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode

if mode == "up":
    t0 = time.monotonic_ns()
    rc = run(["up"])
    t_cmd = time.monotonic_ns()
    deadline = t0 + 60 * 10**9
    while True:
        info = read_lock()
        if info:
            try:
                with Pyro5.api.Proxy(info["uri"]) as d:
                    d._pyroTimeout = 2
                    d.ps()
                break
            except Pyro5.errors.CommunicationError:
                pass
        if time.monotonic_ns() > deadline:
            sys.exit(f"the daemon did not answer within 60 s (up exited {rc})")
        time.sleep(0.005)
    t1 = time.monotonic_ns()
    with open(pids_file, "a") as f:
        f.write(" ".join(map(str, tree(info["pid"]))) + "\n")
    print(t1 - t0, t_cmd - t0)
elif mode == "down":
    info = read_lock()
    pids = tree(info["pid"]) if info else []
    t0 = time.monotonic_ns()
    rc = run(["down"])
    t_cmd = time.monotonic_ns()
    deadline = t0 + 60 * 10**9
    while any(alive(p) for p in pids):
        if time.monotonic_ns() > deadline:
            sys.exit(f"daemon processes {pids} still there 60 s after down (down exited {rc})")
        time.sleep(0.005)
    t1 = time.monotonic_ns()
    print(t1 - t0, t_cmd - t0)
elif mode == "rss":
    info = read_lock()
    rss = pss = 0
    pids = tree(info["pid"])
    for p in pids:
        with open(f"/proc/{p}/status") as f:
            rss += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                pss += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except OSError:
            pass
    print(rss, pss, len(pids), info["pid"])
EOF
probe() { "$python" "$work/probe.py" "$1" "$pyrolab" "$lock" "$work/pids"; }

cleanup() {
  status=$?
  if [ -s "$lock" ]; then "$pyrolab" down >/dev/null 2>&1 || true; fi
  # whatever down left: the processes this script started, by pid, if they still run our copy
  for pid in $(cat "$work/pids" 2>/dev/null); do
    if grep -qF "$work/" "/proc/$pid/cmdline" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  [ "$status" -eq 0 ] || tail -n 20 "$data"/logs/*.log 2>/dev/null | tail -n 40 >&2 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$python" -c 'import pydantic, typer, serpent, tabulate, yaml, requests, packaging, sys
if int(pydantic.VERSION.split(".")[0]) >= 2: sys.exit("PyroLab 0.4 needs pydantic 1.x, found " + pydantic.VERSION)' \
  || { echo "$python cannot import what PyroLab needs" >&2; missing; }

versions=$("$python" -c 'import sys, platform, Pyro5, pydantic, typer, serpent
sys.path.insert(0, sys.argv[1])
import re; v = re.search(r"__version__ = \"(.*)\"", open(sys.argv[1] + "/pyrolab/__init__.py").read()).group(1)
print(f"PyroLab {v}, Pyro5 {Pyro5.__version__}, Python {platform.python_version()} ({sys.executable}), pydantic {pydantic.VERSION}, typer {typer.__version__}, serpent {serpent.__version__}")' "$src")
commit=$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
pyro5_commit=$(git -C "$pyro5" describe --tags --always 2>/dev/null || echo "not a git checkout")
echo "$versions; pyrolab source $commit, Pyro5 source $pyro5_commit; load average $(cut -d' ' -f1-3 /proc/loadavg)"

median_ms() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.0f", m/1e6}'; }
running() { [ -s "$lock" ]; }
ensure_down() { if running; then probe down >/dev/null; fi; }
ensure_up() { if ! running; then probe up >/dev/null; fi; }

# a first start writes the copy's __pycache__ and the data folder; the figures are for later starts
probe up >/dev/null
probe down >/dev/null

# each `up` after a `down`, each `down` after an `up`, `ps` against a running daemon
up_times=() up_cmd_times=() down_times=() down_cmd_times=() ps_times=()
for _ in $(seq "$runs"); do
  ensure_down
  read -r t tc < <(probe up)
  up_times+=("$t"); up_cmd_times+=("$tc")
done
ensure_up
"$pyrolab" ps >/dev/null # one untimed, as daemon-lifecycle.sh's first status
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  sh -c "\"$pyrolab\" ps" >/dev/null
  t1=$(date +%s%N)
  ps_times+=($((t1 - t0)))
done
for _ in $(seq "$runs"); do
  ensure_up
  read -r t tc < <(probe down)
  down_times+=("$t"); down_cmd_times+=("$tc")
done
row() { # NAME NOTE TIMES...: as daemon-lifecycle.sh prints it, with the range and a note
  local sorted
  sorted=$(printf '%s\n' "${@:3}" | sort -n)
  printf '%-8s median %5s ms  (runs: %s, %s–%s ms)%s\n' "$1" "$(median_ms <<< "$sorted")" "$runs" \
    "$(head -n 1 <<< "$sorted" | awk '{printf "%.0f", $1/1e6}')" "$(tail -n 1 <<< "$sorted" | awk '{printf "%.0f", $1/1e6}')" "$2"
}
row up "  until the daemon answers; the command itself returns after $(printf '%s\n' "${up_cmd_times[@]}" | median_ms) ms" "${up_times[@]}"
row ps "" "${ps_times[@]}"
row down "  until its processes are gone; the command returns after $(printf '%s\n' "${down_cmd_times[@]}" | median_ms) ms" "${down_times[@]}"

# idle RSS: a fresh daemon, left alone for a few seconds
ensure_down
probe up >/dev/null
sleep 5
read -r rss_kb pss_kb nproc pid < <(probe rss)
echo "idle daemon RSS: $((rss_kb / 1024)) MiB ($rss_kb kB over $nproc processes, pid $pid; PSS $((pss_kb / 1024)) MiB)"
ensure_down
