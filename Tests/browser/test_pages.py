"""What a case manager sees on the case form, the case list's deadlines and the deadlock
diagram, in a real browser (Debian's chromium through Selenium) on the real binary, over
the bundled rules."""
import calendar
import datetime
import glob
import os

import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import REPO
from test_workspace import browser, driver, reveal, shot, wait  # noqa: F401  (driver is a fixture)

SWEDISH_SICK_LEAVE = {"jurisdiction": "SE", "age": 45, "diagnosis": {"icd10": "F32.1", "severity": "moderate"},
                      "employment": {"status": "sick_leave", "steady_job": True},
                      "income": {"annual": 320000}, "health_care": {"medical_certificate": False}}
SWEDISH_TRAP = {"jurisdiction": "SE", "age": 47, "employment": {"status": "sick_leave", "steady_job": True},
                "income": {"annual": 340000}, "network": {"case_manager": True}}
COMMON = ["jurisdiction", "age", "residence.municipality", "residence.region", "gp.listed", "diagnosis.icd10",
          "diagnosis.severity", "diagnosis.since", "risk.acute", "psychiatry.in_treatment", "employment.status",
          "social.support_need"]


def facts_read_by_folder():
    """Which rule folders (dk, se, no, common) read each fact, worked out here from the YAML
    on its own: every `fact:` in a condition or an effect, and what a derived fact is made of."""
    readers = {}

    def walk(node, folder):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "fact" and isinstance(value, str):
                    readers.setdefault(value, set()).add(folder)
                elif key not in ("facts", "derived", "tests", "sources"):
                    walk(value, folder)
        elif isinstance(node, list):
            for item in node:
                walk(item, folder)

    made_of = {}
    for path in glob.glob(os.path.join(REPO, "rules", "*", "*.yaml")):
        folder = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            rules = yaml.safe_load(f)
        walk(rules, folder)
        for name, derived in (rules.get("derived") or {}).items():
            made_of[name] = [derived["days_since"]] if "days_since" in derived else [
                case["when"]["fact"] for case in derived.get("cases", []) if "fact" in case.get("when", {})]
    readers = {fact: {f for f in folders if f} for fact, folders in readers.items()}
    changed = True
    while changed:
        changed = False
        for name, inputs in made_of.items():
            for fact in inputs:
                before = len(readers.setdefault(fact, set()))
                readers[fact] |= readers.get(name, set())
                changed |= len(readers[fact]) != before
    return readers


def danish_only_questions():
    readers = facts_read_by_folder()
    questions = {}
    for path in glob.glob(os.path.join(REPO, "rules", "*", "*.yaml")):
        with open(path, encoding="utf-8") as f:
            for name, fact in (yaml.safe_load(f).get("facts") or {}).items():
                if readers.get(name) == {"dk"} and isinstance(fact, dict) and fact.get("question"):
                    questions[name] = fact["question"]
    return questions


def asked(driver):
    return [e.get_attribute("data-fact") for e in driver.find_elements(By.CSS_SELECTOR, "#case-form div.field[data-fact]")]


def create(server, label, facts):
    status, created = server.request("POST", "/v1/cases", {"label": label, "facts": facts})
    assert status == 201, created
    return created["id"]


def utc_today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def plus_month(day):
    """One month on, the day of the month kept (clamped to the month's end), as the rules count it."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def readable(day):
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"


def test_a_swedish_case_asks_no_danish_question_and_the_open_ones_first(server, driver):
    danish = danish_only_questions()
    assert "gp.in_care_manager_project" in danish and len(danish) > 20
    case = create(server, "Form-SE-1", SWEDISH_SICK_LEAVE)
    driver.set_window_size(1400, 1700)
    driver.get(f"{server.base}/cases/{case}")
    facts = asked(driver)
    assert len(facts) == 32
    assert not set(facts) & set(danish)
    page = driver.find_element(By.TAG_NAME, "body").text
    for question in danish.values():
        assert question not in page
    # The country with the label; then the open questions, in the order the result asks them.
    assert facts[0] == "jurisdiction"
    assert driver.find_element(By.CSS_SELECTOR, "#topic-case legend").text == "The case"
    assert driver.find_element(By.CSS_SELECTOR, "#topic-open > legend").text == "Open questions"
    open_facts = [e.get_attribute("data-fact") for e in driver.find_elements(By.CSS_SELECTOR, "#topic-open div.field")]
    result_order = [li.get_attribute("data-fact") for li in driver.find_elements(By.CSS_SELECTOR, "#questions li")]
    assert open_facts == result_order and open_facts
    assert all(driver.find_element(By.ID, f"field-fact-{f.replace('.', '-').replace('_', '-')}").is_displayed() for f in open_facts)
    # The rest folded by topic, each saying how many questions it holds.
    topics = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#fact-fields details.topic > summary")]
    assert topics == [
        "The patient · 1 question(s), 1 answered",
        "Residence · 2 question(s), 0 answered",
        "Diagnosis · 3 question(s), 2 answered",
        "Risk · 1 question(s), 0 answered",
        "Consent · 1 question(s), 0 answered",
        "Work · 3 question(s), 2 answered",
        "Income · 1 question(s), 1 answered",
        "Social situation · 1 question(s), 0 answered",
        "Network · 2 question(s), 0 answered",
        "Finances · 1 question(s), 0 answered",
        "Health care · 1 question(s), 1 answered",
        "Coordinated individual plan (SIP) · 1 question(s), 0 answered",
        "Social insurance · 3 question(s), 0 answered",
        "Work capacity · 1 question(s), 0 answered",
    ]
    income = driver.find_element(By.ID, "fact-income-annual")
    assert not income.is_displayed()
    reveal(driver, "income.annual")
    assert income.is_displayed() and income.get_attribute("value") == "320000"
    driver.find_element(By.CSS_SELECTOR, "#topic-income > summary").click()
    reveal(driver, "employment.steady_job")
    driver.set_window_size(1400, 2300)
    driver.execute_script("window.scrollTo(0, 0)")
    os.makedirs("/tmp/shots", exist_ok=True)
    shot(driver, "swedish-case-form.png")
    driver.save_screenshot("/tmp/shots/swedish-case-form.png")


def test_without_a_country_only_the_common_questions_until_it_is_chosen(server, driver):
    case = create(server, "Form-None-1", {})
    driver.get(f"{server.base}/cases/{case}")
    assert asked(driver) == COMMON
    note = driver.find_element(By.ID, "country-note")
    assert note.text == ("Only the questions common to all countries are shown: the questions of Denmark, Sweden or Norway "
                         "appear once the country is chosen (without the page's script: choose it, then Check without saving).")
    # The country chosen: its questions come, with the page's script, without a reload.
    Select(driver.find_element(By.ID, "fact-jurisdiction")).select_by_visible_text("Sweden")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#case-form [data-fact="social_insurance.benefit_refused"]'))
    facts = asked(driver)
    assert len(facts) == 32 and not set(facts) & set(danish_only_questions())
    assert not driver.find_elements(By.ID, "country-note")
    assert driver.find_element(By.ID, "case-version").text == "1"
    # Without the script, Check without saving does the same.
    plain = browser(javascript=False)
    try:
        plain.get(f"{server.base}/cases/{case}")
        Select(plain.find_element(By.ID, "fact-jurisdiction")).select_by_visible_text("Denmark")
        plain.find_element(By.ID, "check").click()
        wait(plain, lambda d: "Checked without saving" in d.page_source)
        facts = asked(plain)
        assert "gp.in_care_manager_project" in facts and "social_insurance.benefit_refused" not in facts
    finally:
        plain.quit()


def test_a_save_that_changes_nothing_records_nothing(server, driver):
    case = create(server, "Same-1", {"jurisdiction": "SE", "age": 47, "income": {"annual": 280000},
                                     "employment": {"status": "sick_leave", "steady_job": True, "sick_leave_start": "2026-05-07"},
                                     "health_care": {"medical_certificate": False}})
    driver.get(f"{server.base}/cases/{case}")
    history = driver.find_element(By.CSS_SELECTOR, "section.history summary").text
    assert history == "8 change(s)"
    driver.find_element(By.ID, "save").click()
    wait(driver, lambda d: "unchanged=1" in d.current_url)
    assert driver.find_element(By.ID, "notice").text == "Nothing was changed, so nothing was saved: the case is still at version 1."
    assert driver.find_element(By.ID, "case-version").text == "1"
    assert driver.find_element(By.CSS_SELECTOR, "section.history summary").text == history
    assert server.request("GET", f"/v1/cases/{case}")[1]["version"] == 1


def test_the_case_list_shows_deadlines_as_dates_and_sorts_by_the_next(server, driver):
    today = utc_today()
    issued = today - datetime.timedelta(days=10)
    create(server, "Referral-DK", {"jurisdiction": "DK", "age": 45, "gp": {"listed": True},
                                   "diagnosis": {"icd10": "F32.1", "severity": "moderate"},
                                   "psychologist": {"referral_issued": issued.isoformat(), "has_agreement": True}})
    create(server, "Employed-SE", {"jurisdiction": "SE", "age": 40, "employment": {"status": "employed", "steady_job": True},
                                   "income": {"annual": 280000}})
    create(server, "Unemployed-SE", {"jurisdiction": "SE", "age": 30, "employment": {"status": "unemployed"},
                                     "income": {"annual": 0}})
    create(server, "Certificate-SE", dict(SWEDISH_SICK_LEAVE, employment={"status": "sick_leave", "steady_job": True,
                                                                          "sick_leave_start": (today - datetime.timedelta(days=30)).isoformat()}))
    assessment, lapses = today + datetime.timedelta(days=3), plus_month(issued)

    driver.set_window_size(1400, 1300)
    driver.get(server.base + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "#deadlines tbody tr")
    cells = [[c.text for c in row.find_elements(By.CSS_SELECTOR, "td, th")] for row in rows]
    assert cells[0][:3] == [f"{assessment.isoformat()}\n{readable(assessment)}", "Certificate-SE",
                            "2. Assess the patient and write a medical certificate on how the illness limits work capacity"]
    assert cells[0][4] == ("Medical assessment in primary care within 3 days of contact (care guarantee)\n"
                           f"counted from the plan's date ({today.isoformat()}), if the step starts then")
    assert cells[1][:3] == [f"{lapses.isoformat()}\n{readable(lapses)}", "Referral-DK", "1. GP referral to a psychologist"]
    assert cells[1][4].endswith(f"counted from “referral issued” ({issued.isoformat()})")
    assert driver.find_element(By.CSS_SELECTOR, "#deadlines tbody tr time").get_attribute("datetime") == assessment.isoformat()
    undated = [c for c in cells if c[0] == "no date"]
    assert [c[1] for c in cells[2:]] == [c[1] for c in undated]
    # Only what applies: no SGI refused-benefit deadline for the employed patient; each step once.
    listed = driver.find_element(By.ID, "deadlines").text
    assert "Employed-SE" not in listed and "After a refused sickness benefit" not in listed
    assert sum(1 for c in cells if c[2].endswith("Register as a job seeker at the Employment Agency")) == 1
    for row in cells:
        assert cells.count(row) == 1
    shot(driver, "case-list-dates.png")
    os.makedirs("/tmp/shots", exist_ok=True)
    driver.save_screenshot("/tmp/shots/case-list-dates.png")

    # Sorted by the next deadline on the server: a link, no script needed.
    plain = browser(javascript=False)
    try:
        plain.get(server.base + "/")
        plain.find_element(By.ID, "sort-deadline").click()
        wait(plain, lambda d: d.current_url.endswith("/?sort=deadline"))
        order = [a.text for a in plain.find_elements(By.CSS_SELECTOR, "#cases tbody th a")]
        assert order == ["Certificate-SE", "Referral-DK", "Unemployed-SE", "Employed-SE"]
        nexts = [td.text for td in plain.find_elements(By.CSS_SELECTOR, "#cases td.next-deadline")]
        assert nexts == [f"{assessment.isoformat()} {readable(assessment)}", f"{lapses.isoformat()} {readable(lapses)}",
                         "no date", "none"]
        assert plain.find_element(By.ID, "col-deadline").get_attribute("aria-sort") == "ascending"
        plain.find_element(By.ID, "sort-changed").click()
        wait(plain, lambda d: d.current_url.endswith(":" + str(server.port) + "/"))
        assert [a.text for a in plain.find_elements(By.CSS_SELECTOR, "#cases tbody th a")] == [
            "Certificate-SE", "Unemployed-SE", "Employed-SE", "Referral-DK"]
    finally:
        plain.quit()


def test_the_deadlock_is_drawn_on_the_case_page_and_the_print_view(server, driver):
    case = create(server, "Trap-SE-1", SWEDISH_TRAP)
    driver.set_window_size(1400, 1400)
    driver.get(f"{server.base}/cases/{case}")
    svg = driver.find_element(By.CSS_SELECTOR, "#result svg#deadlock-1")
    assert svg.is_displayed() and svg.size["width"] > 500 and svg.size["height"] > 150
    assert svg.get_attribute("role") == "img"
    assert svg.get_attribute("aria-labelledby") == "deadlock-1-title deadlock-1-desc"
    title = driver.execute_script("return document.getElementById('deadlock-1-title').textContent")
    assert title == ("Deadlock: Help to find or change job → Referral from Social Insurance to the Employment Agency"
                     " → Help to find or change job")
    desc = driver.execute_script("return document.getElementById('deadlock-1-desc').textContent")
    assert desc.startswith("Help to find or change job (Employment Agency (SE)) and Referral from Social Insurance to the "
                           "Employment Agency (Social Insurance Agency (SE)) wait for each other.")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#deadlock-1 g.agency")
    assert [" ".join(t.text for t in b.find_elements(By.TAG_NAME, "text")) for b in boxes] == [
        "Employment Agency (SE) Help to find or change job",
        "Social Insurance Agency (SE) Referral from Social Insurance to the Employment Agency",
    ]
    arrows = driver.find_elements(By.CSS_SELECTOR, "#deadlock-1 g.waits")
    assert len(arrows) == 2
    labels = [" ".join(t.text for t in a.find_elements(By.TAG_NAME, "text")) for a in arrows]
    assert labels[0].startswith("needs it first: While the patient is on sick leave")
    assert labels[1] == "needs permanent job: no"
    ways = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#deadlock-1 g.ways-out text")]
    assert ways[0] == "Ways out"
    assert "b. Patient: Resign from the steady job" in " ".join(ways)
    # The same as text beside the picture.
    panel = driver.find_element(By.CSS_SELECTOR, "#result .deadlock").text
    assert "Resign from the steady job" in panel and "Why each waits for the next" in panel
    os.makedirs("/tmp/shots", exist_ok=True)
    driver.execute_script("arguments[0].scrollIntoView()", svg)
    svg.screenshot("/tmp/shots/deadlock-diagram.png")
    shot(driver, "deadlock-case-page.png")

    driver.get(f"{server.base}/cases/{case}/print")
    heading = next(h for h in driver.find_elements(By.TAG_NAME, "h2") if h.text.startswith("Deadlock: "))
    drawn = driver.find_element(By.CSS_SELECTOR, "section.deadlock figure.diagram svg#deadlock-1")
    assert drawn.location["y"] > heading.location["y"] and drawn.is_displayed()
    assert driver.execute_script("return document.getElementById('deadlock-1-title').textContent") == title
    driver.execute_script("arguments[0].scrollIntoView()", drawn)
    drawn.screenshot("/tmp/shots/deadlock-diagram-print.png")
