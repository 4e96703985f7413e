"""Kernel start → first result, and a trivial cell's round trip, for the course kernel beside stock tslab.

The two kernels are measured in the same run, interleaved round by round (the order swapped every
round), so load from elsewhere on the machine falls on both alike; each figure is the median with
the spread (lowest–highest) over the rounds.

Run after `npm run compile`: .venv/bin/python bench/kernel-startup.py [rounds] [cells]  (or npm run bench:kernel)
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COURSE, STOCK = "attention-from-zero", "stock-tslab"

TRIVIAL = "1 + 1"


def start_to_first_result(name):
    """Seconds from launching the kernel process to the idle status after its first cell."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel(cwd=ROOT)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive(TRIVIAL, timeout=60, output_hook=lambda _: None)
        first = time.perf_counter() - t0
        return first, kc, km
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def round_trips(kc, cells):
    """Seconds per trivial cell: execute_request sent → reply and idle status received."""
    times = []
    for _ in range(cells):
        t = time.perf_counter()
        kc.execute_interactive(TRIVIAL, timeout=30, output_hook=lambda _: None)
        times.append(time.perf_counter() - t)
    return times


def one_round(name, cells):
    """One start of kernel `name`: (seconds to first result, [seconds per trivial cell])."""
    first, kc, km = start_to_first_result(name)
    try:
        return first, round_trips(kc, cells)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def spread(values, scale=1.0, unit="s", digits=2):
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid * scale:.{digits}f} {unit} ({low * scale:.{digits}f}–{high * scale:.{digits}f})"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    # both kernels' specs, written by the project's installer into a folder of this run's own
    os.environ["JUPYTER_PATH"] = tempfile.mkdtemp(prefix="kernel-startup-")
    install = [os.path.join(ROOT, "dist", "kernel", "install.js"), "--into", os.environ["JUPYTER_PATH"]]
    subprocess.run(["node", *install, "--name", COURSE], check=True, capture_output=True)
    subprocess.run(["node", *install, "--name", STOCK, "--stock"], check=True, capture_output=True)
    kernels = [("course kernel", COURSE), ("stock tslab 1.0.22", STOCK)]
    firsts = {name: [] for _, name in kernels}
    trips = {name: [] for _, name in kernels}
    for r in range(rounds):
        for _, name in kernels if r % 2 == 0 else reversed(kernels):
            first, times = one_round(name, cells)
            firsts[name].append(first)
            trips[name] += times
    print(f"{rounds} interleaved rounds, {cells} cells of `{TRIVIAL}` each; median (lowest–highest)")
    print(f"{'kernel':<22}{'start → first result':>26}{'trivial cell':>26}")
    for label, name in kernels:
        print(f"{label:<22}{spread(firsts[name]):>26}{spread(trips[name], 1000, 'ms', 1):>26}")


if __name__ == "__main__":
    main()
