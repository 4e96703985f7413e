"""Kernelspecs for the kernel tests, written into a temporary JUPYTER_PATH (never the user's Jupyter dirs)
by the project's own installer, `node dist/kernel/install.js --into DIR`."""
import atexit
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COURSE = "attention-from-zero"
STOCK = "stock-tslab"


def register_kernelspecs():
    """Writes the course kernel's spec and stock tslab's under a fresh temporary folder and points
    JUPYTER_PATH at it for this process."""
    home = tempfile.mkdtemp(prefix="kernel-tests-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    install = os.path.join(ROOT, "dist", "kernel", "install.js")
    for name, extra in ((COURSE, []), (STOCK, ["--stock"])):
        command = ["node", install, "--into", home, "--name", name, *extra]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = home
    return home
