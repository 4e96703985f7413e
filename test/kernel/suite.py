"""The jupyter_kernel_test samples for a TypeScript kernel, shared by the course-kernel and stock-tslab runs."""
from jupyter_client.manager import start_new_kernel

from kernelspecs import ROOT

MATRIX = 'import { matrix } from "mathjs"; matrix([[1, 2], [3, 4]])'
MATRIX_LATEX = "$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$"
OWN_DISPLAY = '({ [Symbol.for("Jupyter.display")]() { return { "text/markdown": "**hi**" }; } })'


class TypeScriptSamples:
    """Mixed into jupyter_kernel_test.KernelTests with a kernel_name; the kernel starts in the project
    root so `mathjs` resolves. A mixin, so unittest does not collect it on its own."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=ROOT)

    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    code_generate_error = 'throw new Error("boom")'

    completion_samples = [{"text": "Math.ab", "matches": ["abs"]}]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f() {}"]
    incomplete_code_samples = ["function f() {", "const a = ["]
    code_inspect_sample = "Math.max"

    code_display_data = [
        {"code": 'import * as tslab from "tslab"; tslab.display.html("<b>hi</b>")', "mime": "text/html"},
        {"code": 'import * as tslab from "tslab"; tslab.display.markdown("*hi*")', "mime": "text/markdown"},
    ]
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "[1, 2].length", "result": "2"},
        {"code": MATRIX, "mime": "text/latex", "result": MATRIX_LATEX},
        {"code": MATRIX, "mime": "text/html"},
        {"code": OWN_DISPLAY, "mime": "text/markdown", "result": "**hi**"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")


STANDARD_TESTS = [
    "test_kernel_info",
    "test_execute_stdout",
    "test_execute_stderr",
    "test_completion",
    "test_inspect",
    "test_is_complete",
    "test_display_data",
    "test_execute_result",
    "test_error",
    "test_history",
]
