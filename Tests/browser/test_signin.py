"""Sign-in, teams, roles and the access log in a real browser: the real binary signs members
in through a real OpenID Connect provider (Authlib, on loopback), four members of two teams."""
import json
import os
import sqlite3
import subprocess
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import BINARY, REPO, Server
from test_workspace import browser, shot, wait

from oidc_provider import OIDCProvider  # Tests/support, on the path through conftest

USERS = {
    "anna": {"password": "anna-pw", "sub": "sub-anna", "name": "Anna Nord", "groups": ["north"], "eligcheck_roles": ["case_manager"]},
    "sven": {"password": "sven-pw", "sub": "sub-sven", "name": "Sven Syd", "groups": ["south"], "eligcheck_roles": ["case_manager"]},
    "rita": {"password": "rita-pw", "sub": "sub-rita", "name": "Rita Reader", "groups": ["north"], "eligcheck_roles": ["reader"]},
    "mona": {"password": "mona-pw", "sub": "sub-mona", "name": "Mona Mitt", "groups": ["north", "south"], "eligcheck_roles": ["case_manager"]},
    "ada": {"password": "ada-pw", "sub": "sub-ada", "name": "Ada Admin", "groups": [], "eligcheck_roles": ["admin"]},
    "nina": {"password": "nina-pw", "sub": "sub-nina", "name": "Nina New", "groups": [], "eligcheck_roles": []},
}


@pytest.fixture
def signed_in_server(workdir):
    provider = OIDCProvider(users=USERS)
    provider.start()
    secret_file = os.path.join(workdir, "client-secret")
    with open(secret_file, "w") as f:
        f.write("workspace-secret\n")
    db = os.path.join(workdir, "data", "cases.sqlite")
    srv = Server(db, os.path.join(workdir, "server.log"), ready_path="/healthz")
    srv.extra = ["--oidc-issuer", provider.issuer, "--oidc-client-id", "eligcheck-workspace",
                 "--oidc-client-secret-file", secret_file, "--public-url", srv.base]
    provider.add_client("eligcheck-workspace", "workspace-secret", [srv.base + "/signin/callback"], [srv.base + "/"])
    srv.start()
    yield srv, provider
    srv.stop()
    provider.stop()


def sign_in(driver, srv, user, path="/"):
    driver.get(srv.base + path)
    wait(driver, lambda d: d.find_elements(By.ID, "username"))
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(USERS[user]["password"])
    driver.find_element(By.ID, "sign-in").click()
    wait(driver, lambda d: d.find_elements(By.ID, "who-name"))
    assert driver.find_element(By.ID, "who-name").text == USERS[user]["name"]


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
    # Signed out at the provider too: back at its sign-in form.
    wait(driver, lambda d: d.find_elements(By.ID, "username"))


def case_labels(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table.cases tbody th a")]


def create_case(driver, srv, label):
    driver.get(srv.base + "/cases/new")
    driver.find_element(By.ID, "label").send_keys(label)
    driver.find_element(By.CSS_SELECTOR, "form.new-case button[type=submit]").click()
    wait(driver, lambda d: "/cases/" in d.current_url and d.find_elements(By.ID, "case-version"))
    return int(driver.current_url.split("/cases/")[1].split("?")[0])


def session_cookie(driver):
    return next(c["value"] for c in driver.get_cookies() if c["name"] == "eligcheck_session")


def call(srv, method, path, cookie=None, body=None, bearer=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if cookie:
        headers["Cookie"] = "eligcheck_session=" + cookie
    if bearer:
        headers["Authorization"] = "Bearer " + bearer
    request = urllib.request.Request(srv.base + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def access_rows(srv):
    with sqlite3.connect(f"file:{srv.db}?mode=ro", uri=True) as db:
        return db.execute("SELECT id, at, subject, name, case_id, action, origin FROM access_log ORDER BY id").fetchall()


def test_members_of_two_teams_see_only_their_cases_a_reader_cannot_save_and_the_log_names_each(signed_in_server):
    srv, provider = signed_in_server
    # Nobody signed in: pages send the browser to sign in, the case API says 401.
    status, headers, _ = call(srv, "GET", "/cases/1?x=1")
    assert status == 303 and headers["Location"] == "/signin?return=%2Fcases%2F1%3Fx%3D1"
    status, _, body = call(srv, "GET", "/v1/cases")
    assert status == 401
    assert json.loads(body)["error"].startswith("Authorization: sign in first")

    driver = browser()
    try:
        sign_in(driver, srv, "anna")
        assert "case_manager · teams: north" in driver.find_element(By.ID, "who").text
        north = create_case(driver, srv, "North-Case-1")
        assert driver.find_element(By.ID, "case-team").text == "north"
        shot(driver, "signin-case-page.png")
        driver.get(srv.base + "/")
        assert case_labels(driver) == ["North-Case-1"]
        shot(driver, "signin-case-list.png")
        # The token exchange carried the PKCE verifier and the client's credentials.
        assert any("code_verifier" in r for r in provider.token_requests)
        sign_out(driver)

        sign_in(driver, srv, "sven")
        south = create_case(driver, srv, "South-Case-1")
        driver.get(srv.base + "/")
        assert case_labels(driver) == ["South-Case-1"]
        driver.get(srv.base + f"/cases/{north}")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Not allowed"
        assert "Sven Syd may not read case" in driver.find_element(By.CSS_SELECTOR, "main p[role=alert]").text
        sven_cookie = session_cookie(driver)
        status, _, body = call(srv, "GET", f"/v1/cases/{north}", cookie=sven_cookie)
        assert status == 403 and "Sven Syd may not read case" in json.loads(body)["error"]
        status, _, body = call(srv, "GET", "/v1/cases", cookie=sven_cookie)
        assert [c["label"] for c in json.loads(body)["cases"]] == ["South-Case-1"]
        sign_out(driver)

        sign_in(driver, srv, "rita", path=f"/cases/{north}")
        # Back on the page she asked for, read-only.
        assert driver.find_element(By.TAG_NAME, "h1").text == "Case North-Case-1"
        assert driver.find_elements(By.ID, "read-only")
        assert not driver.find_elements(By.ID, "save")
        assert not driver.find_elements(By.CSS_SELECTOR, "button.destructive")
        # A save posted anyway (an old page, a script) is refused and changes nothing.
        driver.execute_script("document.getElementById('case-form').submit()")
        wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Not allowed")
        rita_cookie = session_cookie(driver)
        status, _, _ = call(srv, "PUT", f"/v1/cases/{north}", cookie=rita_cookie, body={"version": 1, "label": "Renamed"})
        assert status == 403
        status, _, body = call(srv, "GET", f"/v1/cases/{north}", cookie=rita_cookie)
        assert status == 200 and json.loads(body)["version"] == 1 and json.loads(body)["label"] == "North-Case-1"
        sign_out(driver)

        # A member of two teams chooses the team of a new case.
        sign_in(driver, srv, "mona", path="/cases/new")
        from selenium.webdriver.support.ui import Select
        team = Select(driver.find_element(By.ID, "team"))
        assert [o.text for o in team.options] == ["north", "south"]
        team.select_by_visible_text("south")
        driver.find_element(By.ID, "label").send_keys("Shared-Case-1")
        driver.find_element(By.CSS_SELECTOR, "form.new-case button[type=submit]").click()
        wait(driver, lambda d: d.find_elements(By.ID, "case-team"))
        assert driver.find_element(By.ID, "case-team").text == "south"
        driver.get(srv.base + "/")
        assert sorted(case_labels(driver)) == ["North-Case-1", "Shared-Case-1", "South-Case-1"]
        sign_out(driver)

        sign_in(driver, srv, "ada", path="/admin/access-log")
        text = driver.find_element(By.ID, "access-log").text
        rows_shown = len(driver.find_elements(By.CSS_SELECTOR, "#access-log tbody tr"))
        assert driver.find_element(By.CSS_SELECTOR, "#access-log caption").text == f"{rows_shown} row(s)"
        shot(driver, "signin-access-log.png")
        assert "Anna Nord (sub-anna) create" in text
        assert "Sven Syd (sub-sven) refused" in text
        assert "Rita Reader (sub-rita) view" in text
    finally:
        driver.quit()

    rows = [(subject, case, action) for _, _, subject, _, case, action, _ in access_rows(srv)]
    assert ("sub-anna", north, "create") in rows
    assert ("sub-anna", north, "view") in rows
    assert ("sub-sven", south, "create") in rows
    assert rows.count(("sub-sven", north, "refused")) == 2  # the page and the API
    assert ("sub-rita", north, "refused") in rows and ("sub-rita", north, "view") in rows
    assert ("sub-rita", north, "change") not in rows
    assert [r for r in rows if r[2] == "sign_in"] == [("sub-anna", None, "sign_in"), ("sub-sven", None, "sign_in"),
                                                     ("sub-rita", None, "sign_in"), ("sub-mona", None, "sign_in"),
                                                     ("sub-ada", None, "sign_in")]
    assert all(origin == "127.0.0.1" for *_, origin in access_rows(srv))

    # The command line lists the same rows.
    out = subprocess.run([BINARY, "audit", "--db", srv.db, "--case", str(north)], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].endswith(f"Anna Nord (sub-anna)  create case {north}  from 127.0.0.1")
    assert any(line.endswith(f"Sven Syd (sub-sven)  refused case {north}  from 127.0.0.1") for line in lines)
    out = subprocess.run([BINARY, "audit", "--db", srv.db, "--user", "sub-rita", "--since", "2000-01-01", "--format", "json"],
                         cwd=REPO, capture_output=True, text=True)
    assert {row["action"] for row in json.loads(out.stdout)} == {"sign_in", "sign_out", "view", "refused"}
    out = subprocess.run([BINARY, "audit", "--db", srv.db, "--since", "yesterday"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 2
    assert "--since must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ; found 'yesterday'" in out.stderr


def test_no_route_alters_the_access_log(signed_in_server):
    srv, _ = signed_in_server
    driver = browser()
    try:
        sign_in(driver, srv, "anna")
        case = create_case(driver, srv, "North-Case-2")
        anna = session_cookie(driver)
        driver.delete_all_cookies()
        sign_in(driver, srv, "ada")
        ada = session_cookie(driver)
    finally:
        driver.quit()
    before = access_rows(srv)
    paths = ["/admin/access-log", "/admin/access-log?case=1", "/v1/cases", f"/v1/cases/{case}", f"/v1/cases/{case}/report",
             "/", f"/cases/{case}", "/cases", "/signin", "/signout", "/v1/access-log", "/admin", "/admin/access-log/1"]
    for cookie in (anna, ada, None):
        for path in paths:
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                call(srv, method, path, cookie=cookie, body={"id": 1, "subject": "forged", "action": "view"})
    after = access_rows(srv)
    # Every row there before is there after, unchanged; no row claims to be someone it is not.
    assert after[:len(before)] == before
    assert all(row[2] in ("sub-anna", "sub-ada") for row in after)


def grant(driver, srv, subject, kind, value):
    driver.get(srv.base + "/admin/members")
    driver.find_element(By.ID, "subject").send_keys(subject)
    driver.find_element(By.ID, "name").send_keys("Nina")
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element(By.ID, "kind")).select_by_value(kind)
    driver.find_element(By.ID, "value").send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "#grant-form button[type=submit]").click()
    wait(driver, lambda d: d.find_elements(By.ID, "done") or d.find_elements(By.ID, "errors"))


def test_an_admin_grants_a_team_and_a_role_and_a_member_calls_the_api_with_a_token(signed_in_server):
    srv, _ = signed_in_server
    driver = browser()
    try:
        sign_in(driver, srv, "anna")
        north = create_case(driver, srv, "North-Case-3")
        sign_out(driver)
        # Nina's ID token names no team and no role: she sees nothing and may not make cases.
        sign_in(driver, srv, "nina")
        assert "no role · teams: no team" in driver.find_element(By.ID, "who").text
        assert case_labels(driver) == []
        assert not driver.find_elements(By.LINK_TEXT, "Teams and roles")
        driver.get(srv.base + "/admin/members")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Not allowed"
        assert "Nina New may not read the grants" in driver.find_element(By.CSS_SELECTOR, "main p[role=alert]").text
        sign_out(driver)

        sign_in(driver, srv, "ada", path="/admin/members")
        assert driver.find_element(By.CSS_SELECTOR, "#grants caption").text == "0 active grant(s), 0 revoked"
        grant(driver, srv, "sub-nina", "role", "boss")
        assert driver.find_element(By.ID, "errors").text == (
            "Nothing was granted:\nvalue: expected a role (case_manager, reader, admin); found \"boss\"")
        grant(driver, srv, "sub-nina", "team", "north")
        assert driver.find_element(By.ID, "done").text == "Granted team north to Nina."
        grant(driver, srv, "sub-nina", "role", "reader")
        rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#grants tbody tr")]
        assert len(rows) == 2
        assert rows[0].startswith("Nina (sub-nina) role: reader") and "by Ada Admin (sub-ada)" in rows[0]
        assert rows[1].startswith("Nina (sub-nina) team: north")
        shot(driver, "signin-grants.png")
        team_grant = int(driver.find_elements(By.CSS_SELECTOR, "#grants tbody tr")[1].get_attribute("id").split("-")[1])
        sign_out(driver)

        # The grants take effect: Nina reads the north team's case, read-only.
        sign_in(driver, srv, "nina")
        assert "reader · teams: north" in driver.find_element(By.ID, "who").text
        assert case_labels(driver) == ["North-Case-3"]
        driver.get(srv.base + "/account/tokens")
        driver.find_element(By.ID, "label").send_keys("export script")
        days = driver.find_element(By.ID, "days")
        days.clear()
        days.send_keys("120")
        driver.find_element(By.CSS_SELECTOR, "#token-form button[type=submit]").click()
        wait(driver, lambda d: d.find_elements(By.ID, "errors"))
        assert "days: expected a whole number of days from 1 to 90; found \"120\"" in driver.find_element(By.ID, "errors").text
        days = driver.find_element(By.ID, "days")
        days.clear()
        days.send_keys("7")
        driver.find_element(By.CSS_SELECTOR, "#token-form button[type=submit]").click()
        wait(driver, lambda d: d.find_elements(By.ID, "token-secret"))
        secret = driver.find_element(By.ID, "token-secret").text
        assert secret.startswith("ecw_")
        assert driver.find_element(By.CSS_SELECTOR, "#tokens tbody tr").text.startswith("export script")
        shot(driver, "signin-token.png")
        token_id = int(driver.find_element(By.CSS_SELECTOR, "#tokens tbody tr").get_attribute("id").split("-")[1])

        # The token acts as Nina: her team's cases, read-only; a wrong token is a 401.
        status, _, body = call(srv, "GET", "/v1/cases", bearer=secret)
        assert status == 200 and [c["label"] for c in json.loads(body)["cases"]] == ["North-Case-3"]
        status, _, body = call(srv, "GET", f"/v1/cases/{north}", bearer=secret)
        assert status == 200 and json.loads(body)["label"] == "North-Case-3"
        status, _, body = call(srv, "PUT", f"/v1/cases/{north}", bearer=secret, body={"version": 1, "label": "Renamed"})
        assert status == 403 and "Nina New may not change case" in json.loads(body)["error"]
        status, _, _ = call(srv, "GET", "/v1/cases", bearer=secret + "x")
        assert status == 401
        sign_out(driver)

        # The admin revokes the team: the same token now sees no case.
        sign_in(driver, srv, "ada", path="/admin/members")
        driver.find_element(By.CSS_SELECTOR, f"#grant-{team_grant} form button").click()
        wait(driver, lambda d: "revoked" in (d.find_element(By.ID, f"grant-{team_grant}").get_attribute("class") or ""))
        assert driver.find_element(By.CSS_SELECTOR, "#grants caption").text == "1 active grant(s), 1 revoked"
        status, _, body = call(srv, "GET", "/v1/cases", bearer=secret)
        assert status == 200 and json.loads(body)["cases"] == []
        status, _, body = call(srv, "GET", f"/v1/cases/{north}", bearer=secret)
        assert status == 403
        sign_out(driver)

        # Nina revokes her token: it is refused from then on.
        sign_in(driver, srv, "nina", path="/account/tokens")
        driver.find_element(By.CSS_SELECTOR, f"#token-{token_id} form button").click()
        wait(driver, lambda d: "revoked" in d.find_element(By.ID, f"token-{token_id}").text)
        status, _, _ = call(srv, "GET", "/v1/cases", bearer=secret)
        assert status == 401
    finally:
        driver.quit()

    rows = [(subject, case, action) for _, _, subject, _, case, action, _ in access_rows(srv)]
    assert rows.count(("sub-ada", None, "grant")) == 3  # two grants, one revocation
    assert rows.count(("sub-nina", None, "token")) == 2  # made, revoked
    assert ("sub-nina", north, "view") in rows
    assert ("sub-nina", north, "refused") in rows
    assert ("sub-nina", None, "refused") in rows  # the grants page
    with sqlite3.connect(f"file:{srv.db}?mode=ro", uri=True) as db:
        hashes = [h for (h,) in db.execute("SELECT token_hash FROM api_token")]
    assert len(hashes) == 1 and secret not in hashes[0]
