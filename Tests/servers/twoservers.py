"""A throwaway PostgreSQL cluster and nginx (Debian's) on loopback, for the two-server test.

The cluster is initdb'ed into a temporary folder and runs as `nobody` when the test runs as
root (PostgreSQL refuses root); nginx runs in the foreground with its configuration, pid
file, logs and temporary files in a folder of its own."""
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from eligserver import free_port  # noqa: E402


def postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise RuntimeError("no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql")
    return os.path.dirname(found[-1])


def wait_for_port(port, process, what, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {seconds} s")


class Cluster:
    """A PostgreSQL cluster on a free loopback port; `url` names its `postgres` database."""

    def __init__(self):
        self.bin = postgres_bin()
        self.folder = tempfile.mkdtemp(prefix="eligcheck-pg-")
        self.prefix = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "nobody", "nogroup")
            self.prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        self.port = free_port()
        self.url = f"postgres://eligtest@127.0.0.1:{self.port}/postgres?sslmode=disable"
        self.process = None

    def start(self):
        data = os.path.join(self.folder, "data")
        subprocess.run(self.prefix + [f"{self.bin}/initdb", "-D", data, "-U", "eligtest", "--auth=trust", "-E", "UTF8", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/tmp")
        log = open(os.path.join(self.folder, "postgres.log"), "ab")
        self.process = subprocess.Popen(
            self.prefix + [f"{self.bin}/postgres", "-D", data, "-p", str(self.port), "-k", self.folder,
                           "-c", "listen_addresses=127.0.0.1"],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd="/tmp")
        wait_for_port(self.port, self.process, "postgres")
        deadline = time.time() + 30
        while subprocess.run([f"{self.bin}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                             stdout=subprocess.DEVNULL).returncode != 0:
            if time.time() > deadline:
                raise RuntimeError("postgres is not ready after 30 s")
            time.sleep(0.2)
        return self

    def sql(self, statement):
        """One statement through psql; its rows as lists of text."""
        out = subprocess.run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "eligtest", "-d", "postgres",
                              "-At", "-F", "\t", "-c", statement], check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


class Nginx:
    """nginx in the foreground, round-robin over `upstreams` (ports), on a free loopback port."""

    def __init__(self, upstreams):
        self.folder = tempfile.mkdtemp(prefix="eligcheck-nginx-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in upstreams)
        temp = "\n".join(f"  {kind}_temp_path {self.folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf = os.path.join(self.folder, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(f"""{user}daemon off;
worker_processes 1;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log {self.folder}/access.log;
{temp}
  upstream eligcheck {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://eligcheck;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }}
  }}
}}
""")
        self.process = None

    def start(self):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        log = open(os.path.join(self.folder, "stderr.log"), "ab")
        self.process = subprocess.Popen([binary, "-e", f"{self.folder}/error.log", "-p", self.folder, "-c", self.conf],
                                        stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        wait_for_port(self.port, self.process, "nginx")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        shutil.rmtree(self.folder, ignore_errors=True)
