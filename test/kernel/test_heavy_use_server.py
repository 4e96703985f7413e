"""heavy_use.HeavyUse against the course kernel through a real Jupyter server (jupyter_server on
127.0.0.1), over its REST API and kernel websocket, with JupyterLab's IOPub rate limits.

Run from the project root after `npm run compile`: .venv/bin/python test/kernel/test_heavy_use_server.py
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
from datetime import datetime, timezone

import requests
import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from heavy_use import HeavyUse  # noqa: E402
from kernelspecs import COURSE, ROOT, register_kernelspecs  # noqa: E402

register_kernelspecs()

VENV_BIN = os.path.dirname(sys.executable)
# jupyter_server's defaults, spelled out so the flood test always goes through them.
RATE_LIMITS = [
    "--ZMQChannelsWebsocketConnection.iopub_msg_rate_limit=1000",
    "--ZMQChannelsWebsocketConnection.iopub_data_rate_limit=1000000",
    "--ZMQChannelsWebsocketConnection.rate_limit_window=3",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """A jupyter_server process on 127.0.0.1 with a random port and token, in temporary folders."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="kernel-server-")
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=self.home, JUPYTER_CONFIG_DIR=self.home)
        argv = [
            os.path.join(VENV_BIN, "jupyter-server"),
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={ROOT}",
            *RATE_LIMITS,
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--allow-root")
        self.log = open(os.path.join(self.home, "server.log"), "w")
        self.process = subprocess.Popen(argv, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_until_up()

    def url(self, path):
        return f"{self.base}{path}"

    @property
    def headers(self):
        return {"Authorization": f"token {self.token}"}

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter-server exited: {open(self.log.name).read()}")
            try:
                if requests.get(self.url("/api/status"), headers=self.headers, timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise TimeoutError("jupyter-server did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class KernelSocket:
    """The server's websocket for one kernel; a thread keeps every message it receives."""

    def __init__(self, server, kernel_id):
        self.session = uuid.uuid4().hex
        url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {server.token}"], timeout=30)
        self.received = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        while True:
            try:
                frame = self.ws.recv()
            except Exception:
                return
            # Binary frames (messages with buffers) and the empty frame of a closing socket carry nothing here.
            if isinstance(frame, bytes) or not frame:
                continue
            with self.changed:
                self.received.append(json.loads(frame))
                self.changed.notify_all()

    def send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session,
            "username": "test",
            "version": "5.3",
            "date": datetime.now(timezone.utc).isoformat(),
        }
        self.ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def of(self, msg_id):
        return [m for m in self.received if m["parent_header"].get("msg_id") == msg_id]

    def wait(self, done, timeout):
        """Waits until `done()` holds (checked whenever a message arrives); fails after `timeout`."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no answer from the kernel through the server")
                self.changed.wait(left)

    def close(self):
        self.ws.close()


class CourseKernelThroughServer(HeavyUse, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = JupyterServer()
        made = requests.post(cls.server.url("/api/kernels"), headers=cls.server.headers, json={"name": COURSE, "path": ""}, timeout=60)
        made.raise_for_status()
        cls.kernel_id = made.json()["id"]
        cls.socket = KernelSocket(cls.server, cls.kernel_id)
        # The kernel is ready once it answers kernel_info.
        cls().request("kernel_info_request", {}, timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.socket.close()
        requests.delete(cls.server.url(f"/api/kernels/{cls.kernel_id}"), headers=cls.server.headers, timeout=30)
        cls.server.stop()

    def request(self, msg_type, content, timeout=30):
        msg_id = self.socket.send("shell", msg_type, content)
        reply = msg_type.replace("_request", "_reply")
        self.socket.wait(lambda: any(m["msg_type"] == reply for m in self.socket.of(msg_id)), timeout)
        return next(m["content"] for m in self.socket.of(msg_id) if m["msg_type"] == reply)

    def execute(self, code, timeout=30):
        msg_id = self.send_execute(code)
        idle = lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"  # noqa: E731
        self.socket.wait(lambda: any(m["msg_type"] == "execute_reply" for m in self.socket.of(msg_id)) and any(idle(m) for m in self.socket.of(msg_id)), timeout)
        self.last_msg_id = msg_id
        msgs = self.socket.of(msg_id)
        reply = next(m["content"] for m in msgs if m["msg_type"] == "execute_reply")
        iopub = [(m["msg_type"], m["content"]) for m in msgs if m["channel"] == "iopub"]
        return reply, iopub

    def send_execute(self, code):
        return self.socket.send("shell", "execute_request", {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})

    def reply_to(self, msg_id, timeout):
        self.socket.wait(lambda: any(m["msg_type"] == "execute_reply" for m in self.socket.of(msg_id)), timeout)
        return next(m["content"] for m in self.socket.of(msg_id) if m["msg_type"] == "execute_reply")

    def outputs_after(self, msg_id, seconds):
        time.sleep(seconds)
        return [(m["msg_type"], m["content"]) for m in self.socket.of(msg_id) if m["channel"] == "iopub"]

    def interrupt(self):
        requests.post(self.server.url(f"/api/kernels/{self.kernel_id}/interrupt"), headers=self.server.headers, timeout=10).raise_for_status()

    def complete(self, code, cursor_pos):
        return self.request("complete_request", {"code": code, "cursor_pos": cursor_pos})


if __name__ == "__main__":
    unittest.main(verbosity=2)
