"""What a learner's ordinary code does to a kernel, as tests shared by the ZeroMQ and the Jupyter server runs.

Mixed into a unittest.TestCase that provides the client calls below (see test_heavy_use.py and
test_heavy_use_server.py); timing goals are asserted loosely and the measured figures printed.
"""
import json
import time

LINES = 200_000
FLOOD = f"for (let i = 0; i < {LINES}; i++) console.log(i);"
FLOOD_TEXT = "".join(f"{i}\n" for i in range(LINES))
BIG_MATRIX = 'import { matrix, random } from "mathjs";\nmatrix(random([1000, 1000]))'
SLEEP_THEN_SPIN = "await new Promise((r) => setTimeout(r, 10));\nwhile (true) {}"
LATE_THROW = 'setTimeout(() => {\n  throw new Error("late");\n}, 10);'


def report(what, seconds):
    print(f"\n    {what}: {seconds * 1000:.0f} ms", end=" ", flush=True)


class HeavyUse:
    """Needs: execute(code, timeout) -> (reply content, [(msg_type, content)] of that cell, up to idle);
    send_execute(code) -> msg_id; reply_to(msg_id, timeout) -> reply content; outputs_after(msg_id,
    seconds) -> [(msg_type, content)] of that cell arriving within `seconds`; interrupt();
    complete(code, cursor_pos) -> reply content."""

    def test_print_200000_lines_arrive_complete_and_the_cell_ends_idle(self):
        t = time.perf_counter()
        reply, msgs = self.execute(FLOOD, timeout=30)
        elapsed = time.perf_counter() - t
        report("200,000 lines", elapsed)
        self.assertEqual(reply["status"], "ok")
        streams = [c for kind, c in msgs if kind == "stream"]
        text = "".join(c["text"] for c in streams if c["name"] == "stdout")
        self.assertEqual(len(text), len(FLOOD_TEXT))
        self.assertEqual(text, FLOOD_TEXT)
        self.assertEqual(msgs[-1], ("status", {"execution_state": "idle"}))
        self.assertLess(len(streams), 100, "stream output should come in batches")
        self.assertLess(elapsed, 3.0)

    def test_matrix_1000x1000_result_is_under_100_kB_in_all_forms(self):
        t = time.perf_counter()
        reply, msgs = self.execute(BIG_MATRIX, timeout=60)
        report("1000×1000 matrix result", time.perf_counter() - t)
        self.assertEqual(reply["status"], "ok")
        (data,) = [c["data"] for kind, c in msgs if kind == "execute_result"]
        self.assertLess(len(json.dumps(data, ensure_ascii=False).encode()), 100_000)
        self.assertTrue(data["text/plain"].startswith("Matrix 1000×1000 ["), data["text/plain"][:80])
        self.assertIn("… 990 more rows", data["text/plain"])

    def test_interrupt_stops_a_loop_after_an_await_and_keeps_variables(self):
        self.assertEqual(self.execute("const keptBeforeInterrupt = 41;")[0]["status"], "ok")
        msg_id = self.send_execute(SLEEP_THEN_SPIN)
        time.sleep(0.5)
        t = time.perf_counter()
        self.interrupt()
        reply = self.reply_to(msg_id, timeout=10)
        elapsed = time.perf_counter() - t
        report("interrupt after await", elapsed)
        self.assertEqual((reply["status"], reply["ename"]), ("error", "Interrupted"))
        self.assertLess(elapsed, 1.0)
        after, msgs = self.execute("keptBeforeInterrupt + 1")
        self.assertEqual(after["status"], "ok")
        results = [c["data"]["text/plain"] for kind, c in msgs if kind == "execute_result"]
        self.assertEqual(results, ["42"])

    def test_complete_after_an_emoji_offers_abs(self):
        code = 'const face = "😀"; Math.'
        reply = self.complete(code, len(code))
        self.assertIn("abs", reply["matches"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (len(code), len(code)))

    def test_timer_error_shows_only_cell_frames_with_line_numbers(self):
        reply, _ = self.execute(LATE_THROW)
        self.assertEqual(reply["status"], "ok")
        count = reply["execution_count"]
        late = self.outputs_after(self.last_msg_id, 2.0)
        text = "".join(c["text"] for kind, c in late if kind == "stream" and c["name"] == "stderr")
        self.assertIn("Error: late", text)
        frames = [line for line in text.splitlines() if line.strip().startswith("at ")]
        self.assertEqual(frames, [f"    at Timeout._onTimeout (<cell {count}>:2:9)"], text)
        for foreign in ("node:", "node_modules", "evalmachine"):
            self.assertNotIn(foreign, text)

    def test_cell_error_traceback_has_cell_frames_with_line_and_column(self):
        reply, _ = self.execute('function f(): never {\n  throw new RangeError("too far");\n}\nf();')
        n = reply["execution_count"]
        expected = ["RangeError: too far", f"    at f (<cell {n}>:2:9)", f"    at <cell {n}>:4:1"]
        self.assertEqual(reply["traceback"], expected)

    def test_function_defined_before_a_throw_is_callable_in_the_next_cell(self):
        failed, _ = self.execute('function definedBeforeThrow() { return 1; }\nthrow new Error("x");')
        self.assertEqual((failed["status"], failed["evalue"]), ("error", "x"))
        reply, msgs = self.execute("definedBeforeThrow()")
        self.assertEqual(reply["status"], "ok", reply.get("evalue"))
        results = [c["data"]["text/plain"] for kind, c in msgs if kind == "execute_result"]
        self.assertEqual(results, ["1"])
