#!/usr/bin/env python3
"""The time to a first full screen in a terminal: the browser on the embedded dossier against fzf
over the same quote texts, each started in a fresh pty of the same size, in turns.

    python3 bench/first_frame.py DOSSIER TEXTS [RUNS]

A run starts the program in a new 120x40 pty and reads what it writes until the screen it draws
first is complete: for dossier, the status bar's last hint (its frame is written in one flush);
for fzf, its match counter ("N/N"), written once every line is read and the list is drawn. Then
it sends the quit key and waits for the exit. Prints the median and spread of each and the
median of the pairwise ratios. Nothing here is a test: numbers only.
"""

import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import fcntl
import time


def first_screen(argv, marker, quit_keys, stdin_path=None):
    """Seconds from the spawn until `marker` has been written to the pty."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    stdin = open(stdin_path, "rb") if stdin_path else slave
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    if stdin_path:
        stdin.close()
    seen = b""
    elapsed = None
    deadline = start + 20
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # Only the tail can complete the marker.
        if marker in seen[-(len(chunk) + len(marker)):]:
            elapsed = time.perf_counter() - start
            break
    try:
        os.write(master, quit_keys)
    except OSError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # Drain and close.
    try:
        while select.select([master], [], [], 0.05)[0] and os.read(master, 65536):
            pass
    except OSError:
        pass
    os.close(master)
    if elapsed is None:
        sys.exit(f"{argv[0]}: no first screen (marker {marker!r} not seen); it wrote {seen[-300:]!r}")
    return elapsed


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    dossier, texts = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    lines = sum(1 for _ in open(texts, "rb"))
    # The status bar's last words, as the browser writes them.
    marker = os.environ.get("DOSSIER_MARKER", "help").encode()
    fzf_marker = f"{lines}/{lines}".encode()
    ours, theirs, ratios = [], [], []
    # One warm-up each: the page cache, the dynamic loader.
    first_screen([dossier], marker, b"q")
    first_screen(["fzf"], fzf_marker, b"\x1b", texts)
    for _ in range(runs):
        a = first_screen([dossier], marker, b"q")
        b = first_screen(["fzf"], fzf_marker, b"\x1b", texts)
        ours.append(a)
        theirs.append(b)
        ratios.append(a / b)

    def show(name, xs):
        return (f"{name:<28} median {statistics.median(xs) * 1000:6.1f} ms "
                f"(min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f})")

    print(f"first full screen, 120x40 pty, {runs} runs each in turns, after one warm-up")
    print(show("dossier (embedded dossier)", ours))
    print(show(f"fzf ({lines} quote texts)", theirs))
    print(f"dossier / fzf: median of the pairwise ratios {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
