"""Starts the real `eligcheck serve` binary on loopback for the Python tests (the browser,
durability, reload and CDS Hooks client tests)."""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ELIGCHECK_BIN", os.path.join(REPO, ".build", "debug", "eligcheck"))
SCREENSHOTS = os.environ.get("WORKSPACE_SCREENSHOTS", os.path.join(tempfile.gettempdir(), "eligcheck-screenshots"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `eligcheck serve` process on a free loopback port with its own database."""

    def __init__(self, db, log_path, extra=(), tls_context=None, ready_path="/v1/cases"):
        self.db = db
        # Polled until it answers 200: with sign-in, /v1/cases needs a session, so /healthz.
        self.ready_path = ready_path
        self.extra = list(extra)
        self.log_path = log_path
        self.port = free_port()
        # With `--tls-cert`, a client context that trusts the server's certificate.
        self.tls_context = tls_context
        self.base = f"{'https' if tls_context else 'http'}://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", str(self.port), "--db", self.db] + self.extra,
            cwd=REPO, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"eligcheck serve exited with {self.process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=2, context=self.tls_context) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.1)
        raise RuntimeError("eligcheck serve did not answer within 60 s")

    def kill(self):
        """SIGKILL: no clean shutdown, as in a crash or a power cut of the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def request(self, method, path, body=None, timeout=10):
        return request(self.base, method, path, body, timeout)


def request(base, method, path, body=None, timeout=10):
    """A JSON request to `base` (a server, or a proxy in front of servers): (status, JSON answer or None)."""
    data = None if body is None else json.dumps(body).encode()
    headers = {} if body is None else {"Content-Type": "application/json"}
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.strip() else None)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, (json.loads(text) if text.strip() else None)
