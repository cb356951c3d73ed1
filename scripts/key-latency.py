#!/usr/bin/env python3
"""Keypress-to-repaint latency of the console, measured from outside in a pseudo-terminal.

Starts `dutydesk console` (or any command) at COLSxROWS, waits for the first paint to settle, then types
KEYS (default alternating j/k) N times, one at a time. For each key it records the time from writing the key
to the end of the burst of output it caused (output quiet for 3 ms). Prints median, p90, p99 and max, and
the mean bytes written per key. Standard library only.

    python3 scripts/key-latency.py --cols 120 --rows 40 -n 200 -- .build/release/dutydesk console --db /tmp/big.db
"""
import argparse
import os
import pty
import select
import signal
import struct
import termios
import fcntl
import time


def read_burst(fd, first_timeout, quiet):
    """Bytes until the output has been quiet for `quiet` seconds; (bytes, time of last byte) or (b"", None)."""
    data = b""
    last = None
    timeout = first_timeout
    while True:
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return data, last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data, last
        if not chunk:
            return data, last
        data += chunk
        last = time.monotonic()
        timeout = quiet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--term", default="xterm-256color")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--keys", default="jk", help="typed in turn, one per measurement")
    ap.add_argument("--gap", type=float, default=0.05, help="seconds between keys")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = a.term
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    read_burst(fd, 5.0, 0.3)  # first paint
    times, sizes = [], []
    for i in range(a.n):
        key = a.keys[i % len(a.keys)].encode()
        t0 = time.monotonic()
        os.write(fd, key)
        data, last = read_burst(fd, 1.0, 0.003)
        if last is not None:
            times.append((last - t0) * 1000)
            sizes.append(len(data))
        time.sleep(a.gap)
    os.write(fd, b"q")
    time.sleep(0.3)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    times.sort()
    if not times:
        print("no repaint seen")
        return 1
    pick = lambda q: times[min(len(times) - 1, int(len(times) * q))]
    print(f"{len(times)} keys at {a.cols}x{a.rows} TERM={a.term}: median {pick(0.5):.2f} ms, p90 {pick(0.9):.2f} ms, "
          f"p99 {pick(0.99):.2f} ms, max {times[-1]:.2f} ms; {sum(sizes) / len(sizes):.0f} bytes/key")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
