"""Two `eligcheck serve` processes on one PostgreSQL behind nginx (issue 29): a case saved
through one is read through the other, the stale-save 409 holds across them, and SIGKILL of
one during a burst of saves through nginx loses no acknowledged save."""
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from eligserver import BINARY, Server, request  # noqa: E402
from twoservers import Cluster, Nginx  # noqa: E402

WRITERS = 6
CASES_PER_WRITER = 2


@pytest.fixture
def pair():
    if not os.path.exists(BINARY):
        pytest.fail(f"{BINARY} is missing: swift build --product eligcheck")
    workdir = tempfile.mkdtemp(prefix="eligcheck-two-")
    cluster = Cluster().start()
    servers, proxy = [], None
    try:
        servers = [Server(cluster.url, os.path.join(workdir, f"server-{n}.log")) for n in (1, 2)]
        # Both at once: the schema is made once, under the migrations' advisory lock.
        for server in servers:
            server.start()
        proxy = Nginx([server.port for server in servers]).start()
        yield cluster, servers, proxy
    finally:
        if proxy:
            proxy.stop()
        for server in servers:
            server.stop()
        cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def test_a_case_saved_through_one_server_is_read_through_the_other_and_a_stale_save_is_refused(pair):
    cluster, (one, two), _ = pair
    status, created = one.request("POST", "/v1/cases", {"label": "T-1", "facts": {"jurisdiction": "SE", "age": 41}})
    assert status == 201
    status, read = two.request("GET", f"/v1/cases/{created['id']}")
    assert status == 200
    assert read["label"] == "T-1" and read["facts"]["age"] == 41 and read["version"] == 1

    status, saved = one.request("PUT", f"/v1/cases/{created['id']}", {"version": 1, "facts": {"jurisdiction": "SE", "age": 42}})
    assert (status, saved) == (200, {"id": created["id"], "version": 2})
    status, refused = two.request("PUT", f"/v1/cases/{created['id']}", {"version": 1, "facts": {"jurisdiction": "SE", "age": 43}})
    assert status == 409, refused
    status, read = two.request("GET", f"/v1/cases/{created['id']}")
    assert read["version"] == 2 and read["facts"]["age"] == 42
    # Both servers wrote their rows of the one access log, and the schema was made once.
    assert cluster.sql("SELECT count(*) FROM schema_migration") == [["5"]]
    assert [row[0] for row in cluster.sql(f"SELECT action FROM access_log WHERE case_id = {created['id']} ORDER BY id")] == \
        ["create", "view", "change", "view"]


def writer(base, case_ids, acknowledged, stop):
    """Saves each of its cases over and over through nginx, age = a counter, and remembers each acknowledged save."""
    version = {case_id: 1 for case_id in case_ids}
    count = 0
    while not stop.is_set():
        for case_id in case_ids:
            count += 1
            age = 20 + count % 90
            try:
                status, answer = request(base, "PUT", f"/v1/cases/{case_id}",
                                         {"version": version[case_id], "facts": {"jurisdiction": "SE", "age": age}}, timeout=5)
            except OSError:
                status, answer = None, None
            if status == 200:
                version[case_id] = answer["version"]
                acknowledged.append((case_id, answer["version"], age))
            else:
                # The server died under the request, or nginx retried it on the other one after it
                # committed (409): not acknowledged; read the case again and go on.
                try:
                    status, case = request(base, "GET", f"/v1/cases/{case_id}", timeout=5)
                    if status == 200:
                        version[case_id] = case["version"]
                except OSError:
                    time.sleep(0.05)


def test_sigkill_of_one_server_during_a_burst_through_nginx_loses_no_acknowledged_save(pair):
    cluster, (one, two), proxy = pair
    ids = []
    for n in range(WRITERS * CASES_PER_WRITER):
        status, answer = request(proxy.base, "POST", "/v1/cases", {"label": f"B-{n}", "facts": {"jurisdiction": "SE"}})
        assert status == 201
        ids.append(answer["id"])
    acknowledged = []
    stop = threading.Event()
    threads = [threading.Thread(target=writer, args=(proxy.base, ids[w::WRITERS], acknowledged, stop)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    before = len(acknowledged)
    one.kill()  # mid-burst: requests are in flight on it
    time.sleep(2.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    after = len(acknowledged) - before
    assert before >= 20, f"only {before} saves acknowledged before the kill"
    assert after >= 20, f"only {after} saves acknowledged after the kill: nginx did not move to the other server"
    print(f"\n{before} saves acknowledged before SIGKILL, {after} after")

    # Every acknowledged save is in the database: its version's history row holds its age.
    rows = cluster.sql("SELECT case_id, version, new_value FROM case_change WHERE field = 'age'")
    stored = {(int(case_id), int(version)): value for case_id, version, value in rows}
    lost = [(case_id, version, age) for case_id, version, age in acknowledged if stored.get((case_id, version)) != str(age)]
    assert lost == [], f"{len(lost)} acknowledged saves are not in the database: {lost[:5]}"
    # And the surviving server reads the latest of each.
    for case_id in ids:
        status, case = two.request("GET", f"/v1/cases/{case_id}")
        assert status == 200
        last = max((v for c, v, _ in acknowledged if c == case_id), default=1)
        assert case["version"] >= last


def test_a_form_served_by_one_server_is_taken_by_the_other(pair):
    """The servers sign the forms' CSRF tokens with one key kept in the database."""
    _, (one, two), _ = pair
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with browser.open(one.base + "/cases/new", timeout=10) as page:
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.read().decode()).group(1)
    # The jar sends the cookie to the other port too (cookies are by host, not port).
    assert [cookie.name for cookie in jar] == ["eligcheck_csrf"]
    form = urllib.parse.urlencode({"csrf_token": token, "label": "F-1", "patient": ""}).encode()
    request = urllib.request.Request(two.base + "/cases", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with browser.open(request, timeout=10) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 303, status
    status, cases = two.request("GET", "/v1/cases")
    assert [case["label"] for case in cases["cases"]] == ["F-1"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_audit_lists_what_both_servers_logged(pair):
    cluster, (one, two), _ = pair
    status, created = one.request("POST", "/v1/cases", {"label": "A-1", "facts": {"jurisdiction": "SE"}})
    assert status == 201
    assert two.request("GET", f"/v1/cases/{created['id']}")[0] == 200
    audit = subprocess.run([BINARY, "audit", "--db", cluster.url, "--case", str(created["id"]), "--format", "json"],
                           capture_output=True, text=True, timeout=60)
    assert audit.returncode == 0, audit.stderr
    rows = json.loads(audit.stdout)
    assert [(row["action"], row["case"], row["origin"]) for row in rows] == [("create", created["id"], "127.0.0.1"),
                                                                            ("view", created["id"], "127.0.0.1")]


def test_a_malformed_or_unreachable_database_is_a_clear_error_without_the_password():
    expected = "expected postgres://USER@HOST:PORT/DATABASE?sslmode=disable|require|verify-full"
    for url, message in [
        ("postgres://elig:hunter2@db.example/cases?sslmode=sometimes",
         "postgres://elig:***@db.example/cases?sslmode=sometimes: error: cannot use the case database: "
         f"sslmode 'sometimes' is not one of disable, require, verify-full; {expected}"),
        ("postgres://elig:hunter2@127.0.0.1:1/cases",
         "postgres://elig@127.0.0.1:1/cases?sslmode=disable: error: cannot use the case database: cannot connect"),
    ]:
        for command in (["serve", "--port", "0"], ["audit"]):
            run = subprocess.run([BINARY] + command + ["--db", url], capture_output=True, text=True, timeout=60)
            assert run.returncode == 2, (command, run.stderr)
            assert run.stderr.startswith(message), (command, run.stderr)
            assert "hunter2" not in run.stdout + run.stderr
