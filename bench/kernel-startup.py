"""Kernel start → first result, and a trivial cell's round trip, for the course kernel beside stock tslab.

Run after `npm run compile`: .venv/bin/python bench/kernel-startup.py [starts] [cells]  (or npm run bench:kernel)
"""
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "kernel"))

from jupyter_client.manager import KernelManager  # noqa: E402
from kernelspecs import COURSE, STOCK, register_kernelspecs  # noqa: E402

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


def measure(name, starts, cells):
    firsts, trips = [], []
    for _ in range(starts):
        first, kc, km = start_to_first_result(name)
        firsts.append(first)
        trips += round_trips(kc, cells)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(firsts), statistics.median(trips)


def main():
    starts = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    register_kernelspecs()
    print(f"median of {starts} starts and {starts}×{cells} cells of `{TRIVIAL}`")
    print(f"{'kernel':<22}{'start → first result':>22}{'trivial cell':>15}")
    for label, name in (("course kernel", COURSE), ("stock tslab 1.0.22", STOCK)):
        first, trip = measure(name, starts, cells)
        print(f"{label:<22}{first:>20.2f} s{trip * 1000:>12.1f} ms")


if __name__ == "__main__":
    main()
