"""Runs the same jupyter_kernel_test suite against stock tslab and lists which tests it fails.

Those failures are expected (they are what the course kernel adds), so this exits 0 whenever the
suite ran. From the project root: .venv/bin/python test/kernel/stock_tslab.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jupyter_kernel_test  # noqa: E402
from kernelspecs import STOCK, register_kernelspecs  # noqa: E402
from suite import STANDARD_TESTS, TypeScriptSamples  # noqa: E402


class StockTslabTests(TypeScriptSamples, jupyter_kernel_test.KernelTests):
    kernel_name = STOCK


def method(test):
    """The test method's name, also for a failed subTest."""
    return getattr(test, "test_case", test)._testMethodName


def main():
    register_kernelspecs()
    suite = unittest.TestSuite(StockTslabTests(name) for name in STANDARD_TESTS)
    result = unittest.TextTestRunner(stream=open(os.devnull, "w")).run(suite)
    problems = result.failures + result.errors
    failed = {method(t) for t, _ in problems}
    for name in STANDARD_TESTS:
        print(f"{'FAIL' if name in failed else 'pass'}  {name}")
    print(f"stock tslab: {len(STANDARD_TESTS) - len(failed)} of {len(STANDARD_TESTS)} pass")
    for test, trace in problems:
        print(f"\n--- {test}\n{trace.strip().splitlines()[-1]}")
    return 0 if result.testsRun == len(STANDARD_TESTS) else 1


if __name__ == "__main__":
    sys.exit(main())
