# numpy side of the benchmark: reads "n d reps" lines, times that many runs, prints one JSON line each.
import json
import sys
import time

import numpy as np


def problem(n, d):
    """The same inputs as bench/inputs.ts: entry[r][c] = sin(seed·1000 + r·131 + c·17)·scale."""

    def build(seed, rows, cols, scale):
        r = np.arange(rows, dtype=np.float64)[:, None]
        c = np.arange(cols, dtype=np.float64)[None, :]
        return np.sin(seed * 1000 + r * 131 + c * 17) * scale

    w = 1 / np.sqrt(d)
    return build(1, d, n, 1.0), build(2, d, d, w), build(3, d, d, w), build(4, d, d, w)


def self_attention(I, Wq, Wk, Wv):
    """Tokens are columns: A = KᵀQ, softmax down each column, O = V·A'."""
    Q = Wq @ I  # (d_k×d)·(d×n) → d_k×n
    K = Wk @ I  # (d_k×d)·(d×n) → d_k×n
    V = Wv @ I  # (d_v×d)·(d×n) → d_v×n
    A = K.T @ Q  # (n×d_k)·(d_k×n) → n×n
    P = np.exp(A - A.max(axis=0, keepdims=True))  # n×n
    P /= P.sum(axis=0, keepdims=True)  # columns sum to 1
    return V @ P  # (d_v×n)·(n×n) → d_v×n


def peak_kb():
    """Peak resident memory in KiB: VmHWM (starts afresh at exec), else getrusage's maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    cache = {}
    print(json.dumps({"ready": True, "numpy": np.__version__}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "memory":
            n, d = int(parts[1]), int(parts[2])
            args = problem(n, d)
            before = peak_kb()
            t0 = time.perf_counter()
            if parts[3:] != ["none"]:
                self_attention(*args)
            ms = (time.perf_counter() - t0) * 1000
            after = peak_kb()
            print(json.dumps({"before_kb": before, "peak_kb": after, "ms": ms}), flush=True)
            continue
        n, d, reps = int(parts[0]), int(parts[1]), int(parts[2])
        if (n, d) not in cache:
            cache = {(n, d): problem(n, d)}
        args = cache[(n, d)]
        t0 = time.perf_counter()
        for _ in range(reps):
            O = self_attention(*args)
        ms = (time.perf_counter() - t0) * 1000 / reps
        print(json.dumps({"ms": ms, "checksum": float(O.sum())}), flush=True)


if __name__ == "__main__":
    main()
