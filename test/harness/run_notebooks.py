"""Executes notebooks top to bottom on a Jupyter kernel with nbclient; reports the first failing cell.

Usage: python3 test/harness/run_notebooks.py --kernel NAME --out DIR NOTEBOOK...
Prints one JSON object per notebook on stdout, and exits 1 if any notebook failed.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def failure_of(cell):
    """Why an executed cell failed, or None: an error output, or a TypeScript error on stderr."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return "{}: {}".format(out.get("ename", "Error"), out.get("evalue", ""))
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return "stderr: " + out.get("text", "").strip()[:2000]
    return None


def run(path, kernel, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.time()
    result = {"notebook": path, "ok": True, "cells": len(nb.cells)}
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                client.execute_cell(cell, index)
                why = failure_of(cell)
                if why:
                    result.update(ok=False, cell=index, cell_id=cell.get("id"), error=why,
                                  source="".join(cell.source)[:400])
                    break
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as e:
        result.update(ok=False, error="{}: {}".format(type(e).__name__, str(e)[:2000]))
    result["seconds"] = round(time.time() - started, 2)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--out", default="")
    parser.add_argument("--timeout", type=int, default=180)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    failed = False
    for path in args.notebooks:
        result = run(path, args.kernel, args.out, args.timeout)
        failed = failed or not result["ok"]
        print(json.dumps(result), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
