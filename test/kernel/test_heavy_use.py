"""heavy_use.HeavyUse against the course kernel over ZeroMQ with jupyter_client, plus heartbeats
while a cell spins and the per-cell output cap.

Run from the project root after `npm run compile`: .venv/bin/python test/kernel/test_heavy_use.py
"""
import os
import sys
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from heavy_use import HeavyUse, report  # noqa: E402
from kernelspecs import COURSE, ROOT, register_kernelspecs  # noqa: E402

register_kernelspecs()

# kernel/stream.ts's CELL_OUTPUT_CAP.
CAP = 2 * 1024 * 1024


class CourseKernelOverZmq(HeavyUse, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=COURSE, cwd=ROOT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def execute(self, code, timeout=30):
        msgs = []
        reply = self.kc.execute_interactive(
            code, timeout=timeout, output_hook=lambda m: msgs.append((m["msg_type"], m["content"]))
        )
        self.last_msg_id = reply["parent_header"]["msg_id"]
        return reply["content"], msgs

    def send_execute(self, code):
        return self.kc.execute(code)

    def reply_to(self, msg_id, timeout):
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def outputs_after(self, msg_id, seconds):
        msgs, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                msgs.append((msg["msg_type"], msg["content"]))
        return msgs

    def interrupt(self):
        self.km.interrupt_kernel()

    def complete(self, code, cursor_pos):
        return self.kc.complete(code, cursor_pos, reply=True, timeout=30)["content"]

    def test_heartbeat_is_answered_while_a_cell_spins(self):
        msg_id = self.send_execute("while (true) {}")
        time.sleep(0.3)
        socket = zmq.Context.instance().socket(zmq.REQ)
        socket.linger = 0
        socket.connect(f"tcp://{self.km.ip}:{self.km.hb_port}")
        try:
            t = time.perf_counter()
            socket.send(b"ping")
            answered = socket.poll(2000)
            report("heartbeat during a busy loop", time.perf_counter() - t)
            self.assertTrue(answered, "no heartbeat reply while a cell runs")
            self.assertEqual(socket.recv(), b"ping")
        finally:
            socket.close()
            self.interrupt()
            self.assertEqual(self.reply_to(msg_id, timeout=10)["ename"], "Interrupted")

    def test_interrupt_while_a_cell_compiles_waits_for_the_compiler_then_stops_the_cell(self):
        self.assertEqual(self.execute("const beforeCompiling = 7;")[0]["status"], "ok")
        # Long enough to type-check that the interrupt comes while the compiler is still at work.
        lines = "\n".join(f"const long{i}: number[] = [{i}].map((x) => x * 2);" for i in range(1500))
        msg_id = self.send_execute(lines + "\nwhile (true) {}")
        time.sleep(0.15)
        t = time.perf_counter()
        self.interrupt()
        reply = self.reply_to(msg_id, timeout=30)
        report("interrupt while compiling", time.perf_counter() - t)
        self.assertEqual((reply["status"], reply["ename"]), ("error", "Interrupted"))
        # The compiler's program is whole: the next cell compiles against it and sees earlier variables.
        after, msgs = self.execute("beforeCompiling * 6")
        self.assertEqual([c["data"]["text/plain"] for kind, c in msgs if kind == "execute_result"], ["42"])

    def test_print_past_the_cap_shows_the_cap_and_one_note(self):
        line = "x" * 99
        reply, msgs = self.execute(f'for (let i = 0; i < 30000; i++) console.log("{line}");', timeout=30)
        self.assertEqual(reply["status"], "ok")
        out = "".join(c["text"] for kind, c in msgs if kind == "stream" and c["name"] == "stdout")
        err = "".join(c["text"] for kind, c in msgs if kind == "stream" and c["name"] == "stderr")
        self.assertEqual(out, (line + "\n") * (CAP // 100) + line[: CAP % 100])
        left = 30000 * 100 - CAP
        self.assertEqual(err.count("[output cut:"), 1)
        self.assertIn(f"{left:,} more characters", err)
        self.assertEqual(msgs[-1], ("status", {"execution_state": "idle"}))


if __name__ == "__main__":
    unittest.main(verbosity=2)
