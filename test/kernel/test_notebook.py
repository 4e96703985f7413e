"""A notebook executed by nbclient on the course kernel keeps execution counts, rich matrices and errors."""
import os
import sys
import unittest

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kernelspecs import COURSE, ROOT, register_kernelspecs  # noqa: E402

register_kernelspecs()

CELLS = [
    'import { matrix } from "mathjs";\nmatrix([[1, 2], [3, 4]])',
    'console.log("printed")',
    'throw new RangeError("too far")',
    "6 * 7",
]


def executed_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    # allow_errors: the cell after the failing one must still run (and not be aborted).
    client = NotebookClient(nb, kernel_name=COURSE, timeout=60, allow_errors=True, resources={"metadata": {"path": ROOT}})
    return client.execute()


class ExecutedNotebookTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cells = executed_notebook().cells

    def test_every_cell_has_its_execution_count(self):
        self.assertEqual([c.execution_count for c in self.cells], [1, 2, 3, 4])

    def test_matrix_result_is_html_and_latex(self):
        (result,) = self.cells[0].outputs
        self.assertEqual(result.output_type, "execute_result")
        self.assertEqual(result.execution_count, 1)
        self.assertIn("<table", result.data["text/html"])
        self.assertEqual(result.data["text/latex"], "$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$")
        self.assertIn("text/plain", result.data)

    def test_printing_stays_a_stream(self):
        (out,) = self.cells[1].outputs
        self.assertEqual((out.output_type, out.name, out.text), ("stream", "stdout", "printed\n"))

    def test_failing_cell_shows_ename_and_evalue(self):
        (error,) = self.cells[2].outputs
        self.assertEqual(error.output_type, "error")
        self.assertEqual((error.ename, error.evalue), ("RangeError", "too far"))
        self.assertEqual(error.traceback[0], "RangeError: too far")

    def test_cell_after_an_error_still_runs(self):
        (result,) = self.cells[3].outputs
        self.assertEqual(result.data["text/plain"], "42")


if __name__ == "__main__":
    unittest.main()
