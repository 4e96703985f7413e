"""jupyter_kernel_test's suite, plus counts, type errors, interrupt and restart, against the course kernel.

Run from the project root after `npm run build`: .venv/bin/python -m unittest discover -s test/kernel -p 'test_*.py'
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jupyter_kernel_test  # noqa: E402
from kernelspecs import COURSE, register_kernelspecs  # noqa: E402
from suite import TypeScriptSamples  # noqa: E402

register_kernelspecs()


class CourseKernelTests(TypeScriptSamples, jupyter_kernel_test.KernelTests):
    kernel_name = COURSE

    def run_cell(self, code, timeout=30):
        """Executes `code`; returns the execute_reply content and the iopub messages (type, content)."""
        self.flush_channels()
        msgs = []
        reply = self.kc.execute_interactive(
            code, timeout=timeout, output_hook=lambda m: msgs.append((m["msg_type"], m["content"]))
        )
        return reply["content"], msgs

    def test_execution_counts_increase_and_are_announced(self):
        first, _ = self.run_cell("1")
        second, msgs = self.run_cell("2")
        self.assertEqual(second["execution_count"], first["execution_count"] + 1)
        inputs = [c for t, c in msgs if t == "execute_input"]
        results = [c for t, c in msgs if t == "execute_result"]
        self.assertEqual(inputs[0]["execution_count"], second["execution_count"])
        self.assertEqual(results[0]["execution_count"], second["execution_count"])

    def test_type_error_has_ename_and_line_column(self):
        reply, msgs = self.run_cell('const n: number = "x";')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "TypeScriptError")
        self.assertTrue(reply["evalue"].startswith("1:7"), reply["evalue"])
        self.assertEqual([t for t, _ in msgs if t not in ("status", "execute_input")], ["error"])

    def test_runtime_error_traceback_has_no_kernel_frames(self):
        reply, _ = self.run_cell('function f(): never { throw new RangeError("too far"); }\nf();')
        self.assertEqual((reply["ename"], reply["evalue"]), ("RangeError", "too far"))
        self.assertEqual(reply["traceback"][0], "RangeError: too far")
        for line in reply["traceback"]:
            self.assertNotIn("node_modules/tslab", line)
            self.assertNotIn("node:", line)

    def test_vector_is_a_row_in_its_table_and_a_column_in_latex(self):
        _, msgs = self.run_cell('import { matrix } from "mathjs"; matrix([1, 2, 3])')
        data = [c for t, c in msgs if t == "execute_result"][0]["data"]
        self.assertEqual(data["text/plain"], "[1, 2, 3]")
        self.assertEqual(data["text/html"].count("<tr>"), 1)
        self.assertIn("vector of 3", data["text/html"])
        self.assertEqual(data["text/latex"], "$\\begin{bmatrix} 1 \\\\ 2 \\\\ 3 \\end{bmatrix}$")

    def interrupt_and_reply(self, msg_id):
        """Interrupts; the reply to `msg_id` and the seconds it took to come."""
        asked = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        return reply["content"], time.monotonic() - asked

    def plain_result(self, code):
        """Runs `code`; its execute_result's text/plain (the cell must succeed)."""
        reply, msgs = self.run_cell(code)
        self.assertEqual(reply["status"], "ok")
        return [c for t, c in msgs if t == "execute_result"][0]["data"]["text/plain"]

    def test_interrupt_stops_a_loop_after_a_timer_await_and_keeps_variables(self):
        self.run_cell("const keptBefore = 41;")
        msg_id = self.kc.execute("await new Promise((r) => setTimeout(r, 100)); while (true) {}")
        time.sleep(1)
        reply, took = self.interrupt_and_reply(msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertLess(took, 2.0, f"the interrupt took {took:.2f} s")
        self.assertEqual(self.plain_result("keptBefore + 1"), "42")
        # timers still fire after the interrupt
        self.assertEqual(self.plain_result("await new Promise((r) => setTimeout(() => r(7), 50))"), "7")

    def test_interrupt_during_the_await_then_again_stops_the_loop_that_follows_it(self):
        # The first interrupt ends the cell while it awaits; its code after the await still runs
        # (a JavaScript promise cannot be cancelled) and spins. A second interrupt stops that too.
        self.run_cell("const keptAcross = 1;")
        first = self.kc.execute("await new Promise((r) => setTimeout(r, 500)); while (true) {}")
        time.sleep(0.2)
        reply, _ = self.interrupt_and_reply(first)
        self.assertEqual(reply["ename"], "Interrupted")
        time.sleep(1)  # the loop after the await is running now
        nxt = self.kc.execute("keptAcross + 1")
        time.sleep(0.5)
        _, took = self.interrupt_and_reply(nxt)
        self.assertLess(took, 2.0, f"the second interrupt took {took:.2f} s")
        self.assertEqual(self.plain_result("keptAcross + 2"), "3")

    def test_interrupt_stops_an_infinite_loop(self):
        msg_id = self.kc.execute("while (true) {}")
        time.sleep(1)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        after, _ = self.run_cell("40 + 2")
        self.assertEqual(after["status"], "ok")

    def test_zz_restart_forgets_variables(self):
        self.run_cell("const remembered = 1;")
        self.km.restart_kernel()
        self.kc.wait_for_ready(timeout=30)
        reply, _ = self.run_cell("remembered")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["execution_count"], 1)


if __name__ == "__main__":
    unittest.main()
