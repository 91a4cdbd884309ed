# Sourced by the benchmarks: a copy of the built installation (launcher/target/pyrolab, or
# $PYROLAB_INSTALL) in a temporary folder with its own PYROLAB_HOME, so a build running meanwhile
# cannot change it under the benchmark, and a cleanup on exit that stops the daemon (by its
# recorded pid if `down` cannot) and removes the folder.
# Sets: root, work, pyrolab, PYROLAB_HOME. Usage: . "$(dirname "$0")/installation.sh" "mvn -B -DskipTests package"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
built="${PYROLAB_INSTALL:-$root/launcher/target/pyrolab}"
[ -x "$built/bin/pyrolab" ] || { echo "not built: run ${1:-mvn -B -DskipTests package} in $root" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pyrolab-bench.XXXXXX")
cp -a "$built" "$work/install"
pyrolab="$work/install/bin/pyrolab"
export PYROLAB_HOME="$work/home"
export PYROLAB_ALLOW_ROOT=${PYROLAB_ALLOW_ROOT:-1} # benchmark machines often run as root; the warning is not news here
cleanup() {
  "$pyrolab" down >/dev/null 2>&1 || true
  local left
  left=$(sed -n 's/^pid=//p' "$PYROLAB_HOME/pyrolabd.lock" 2>/dev/null || true)
  if [ -n "$left" ] && grep -q "pyrolab.data=$PYROLAB_HOME" "/proc/$left/cmdline" 2>/dev/null; then kill -9 "$left"; fi
  rm -rf "$work"
}
trap cleanup EXIT
