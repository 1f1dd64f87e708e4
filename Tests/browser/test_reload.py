"""SIGHUP reloads the rules, and every saved case is evaluated again under them."""
import os
import shutil
import signal
import time
import urllib.request

from conftest import REPO, Server


def test_sighup_reevaluates_saved_cases_and_the_list_says_which_changed(workdir):
    rules = os.path.join(workdir, "rules")
    shutil.copytree(os.path.join(REPO, "rules"), rules)
    server = Server(os.path.join(workdir, "data", "cases.sqlite"), os.path.join(workdir, "server.log"),
                    extra=["--rules", rules]).start()
    try:
        status, created = server.request("POST", "/v1/cases", {"label": "Reload-1", "facts": {
            "jurisdiction": "SE", "social": {"support_need": "none"}}})
        assert status == 201
        _, before = server.request("GET", "/v1/cases")
        old_version = before["rules_version"]
        sip = {s["id"]: s["status"] for s in before["cases"][0]["evaluation"]["statuses"]}["se.sip.coordinated_plan"]
        assert sip == "ineligible"
        assert before["changed_under_current_rules"] == 0

        # The SIP rule now also takes patients who say they need no support.
        path = os.path.join(rules, "se", "sip.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        assert "in: [temporary, long_term]" in text
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("in: [temporary, long_term]", "in: [none, temporary, long_term]", 1))
        server.process.send_signal(signal.SIGHUP)

        deadline = time.time() + 30
        while time.time() < deadline:
            _, after = server.request("GET", "/v1/cases")
            if after["changed_under_current_rules"] == 1:
                break
            time.sleep(0.2)
        assert after["changed_under_current_rules"] == 1
        assert after["rules_version"] != old_version
        change = after["cases"][0]["status_change"]
        assert change["rules_version"] == after["rules_version"]
        moved = {s["id"]: (s["from"], s["to"]) for s in change["services"]}
        assert moved["se.sip.coordinated_plan"][0] == "ineligible"
        assert moved["se.sip.coordinated_plan"][1] != "ineligible"
        with urllib.request.urlopen(server.base + "/", timeout=10) as response:
            page = response.read().decode()
        assert f"<strong>1 case changed status under rules {after['rules_version']}</strong>" in page
    finally:
        server.stop()
