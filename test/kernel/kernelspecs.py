"""Kernelspecs for the kernel tests, written into a temporary JUPYTER_PATH (never the user's Jupyter dirs)."""
import atexit
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COURSE = "attention-from-zero"
STOCK = "stock-tslab"


def course_spec():
    """The spec from kernel/spec.ts's courseKernelSpec, as the built dist/kernel/spec.js returns it."""
    script = (
        "import('./dist/kernel/spec.js')"
        ".then(m => console.log(JSON.stringify(m.courseKernelSpec(process.cwd()))))"
    )
    out = subprocess.run(["node", "-e", script], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def stock_spec(node):
    tslab = os.path.join(ROOT, "node_modules", "tslab", "bin", "tslab")
    return {
        "argv": [node, tslab, "kernel", "--config-path", "{connection_file}"],
        "display_name": "TypeScript (stock tslab)",
        "language": "typescript",
        "interrupt_mode": "signal",
    }


def register_kernelspecs():
    """Writes both specs under a fresh temporary folder and points JUPYTER_PATH at it for this process."""
    home = tempfile.mkdtemp(prefix="kernel-tests-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    course = course_spec()
    for name, spec in ((COURSE, course), (STOCK, stock_spec(course["argv"][0]))):
        folder = os.path.join(home, "kernels", name)
        os.makedirs(folder)
        with open(os.path.join(folder, "kernel.json"), "w") as f:
            json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = home
    return home
