"""Runs `pyrolab shell` in a real pseudo-terminal and plays a script against it, as a user at a
terminal would: TerminalShellIT writes the steps, one JSON object a line:

  {"send": "text"}                 keys as a terminal sends them (\x1bOD is Left in the
                                   application cursor mode JLine switches on, \x03 Ctrl-C, \x04 Ctrl-D)
  {"expect": "regex"}              waits (at most "timeout" seconds, default 30) until the screen
                                   output since the last match, escape sequences removed, matches
  {"exit": 0}                      waits for the shell to end and checks its exit status

Usage: pty_shell.py PYROLAB STEPS_FILE. Exit 0 when every step passed; otherwise 1 and what was
missing, with the output seen so far. The shell is killed if it is still running at the end.
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?$<=>]*[ -/]*[@-~]|\x1b[=>]|\x1bO.|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def main():
    pyrolab, steps_file = sys.argv[1], sys.argv[2]
    with open(steps_file) as f:
        steps = [json.loads(line) for line in f if line.strip()]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(pyrolab, [pyrolab, "shell"])
    # a terminal has a size: JLine lays the line out within it
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    seen = b""  # all output; expectations search it with escape sequences removed, from `consumed` on
    consumed = 0
    status = None

    def read(timeout):
        nonlocal seen
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the shell has ended and closed the terminal
            return False
        if not data:
            return False
        seen += data
        return True

    def fail(why):
        sys.stdout.write("FAILED: %s\n--- output (escape sequences removed) ---\n%s\n--- raw ---\n%r\n"
                         % (why, ESCAPES.sub(b"", seen).decode("utf-8", "replace"), seen[-4000:]))
        sys.stdout.flush()
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        sys.exit(1)

    try:
        for step in steps:
            if "send" in step:
                os.write(fd, step["send"].encode("utf-8"))
            elif "expect" in step:
                pattern = re.compile(step["expect"].encode("utf-8"))
                deadline = time.time() + step.get("timeout", 30)
                while True:
                    match = pattern.search(ESCAPES.sub(b"", seen), consumed)
                    if match:
                        consumed = match.end()
                        break
                    if time.time() > deadline:
                        fail("no %r within %ss" % (step["expect"], step.get("timeout", 30)))
                    if not read(0.1) and not pattern.search(ESCAPES.sub(b"", seen), consumed):
                        fail("the shell ended before %r" % step["expect"])
            elif "exit" in step:
                deadline = time.time() + step.get("timeout", 30)
                while status is None:
                    done, code = os.waitpid(pid, os.WNOHANG)
                    if done:
                        status = os.waitstatus_to_exitcode(code)
                        break
                    if time.time() > deadline:
                        fail("the shell did not end within %ss" % step.get("timeout", 30))
                    read(0.1)
                if status != step["exit"]:
                    fail("exit status %s, expected %s" % (status, step["exit"]))
        sys.stdout.write("PASSED\n--- output (escape sequences removed) ---\n%s\n" % ESCAPES.sub(b"", seen).decode("utf-8", "replace"))
    finally:
        if status is None:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass


if __name__ == "__main__":
    main()
