"""The workspace in a real browser (Debian's chromium through Selenium), on the real binary."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SCREENSHOTS

LABEL = "Browser-Case-Otter-7"


def browser(javascript=True, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size=1400,{height}", "--lang=en"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture
def driver():
    d = browser()
    yield d
    d.quit()


def wait(driver, condition, seconds=15):
    return WebDriverWait(driver, seconds).until(lambda d: condition(d))


def status(driver, service):
    found = driver.find_elements(By.CSS_SELECTOR, f'#result li[data-service="{service}"]')
    return found[0].get_attribute("data-status") if found else None


def open_questions(driver):
    return [li.get_attribute("data-fact") for li in driver.find_elements(By.CSS_SELECTOR, "#questions li")]


def reveal(driver, fact):
    """Opens the folded topic that holds a fact's question, as a person clicks its heading."""
    field = driver.find_element(By.CSS_SELECTOR, f'#case-form [data-fact="{fact}"]')
    topic = driver.execute_script("return arguments[0].closest('details')", field)
    if topic is not None and topic.get_attribute("open") is None:
        topic.find_element(By.TAG_NAME, "summary").click()
    return field


def shot(driver, name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, name)
    assert driver.save_screenshot(path)
    assert os.path.getsize(path) > 10_000
    return path


def test_a_case_from_creation_to_print(server, driver):
    driver.get(server.base + "/")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Cases"
    driver.find_element(By.CSS_SELECTOR, "main a.button").click()
    driver.find_element(By.ID, "label").send_keys(LABEL)
    driver.find_element(By.CSS_SELECTOR, "form.new-case button[type=submit]").click()
    wait(driver, lambda d: "/cases/1" in d.current_url)
    assert driver.find_element(By.ID, "notice").text == "Case created."
    assert driver.find_element(By.TAG_NAME, "h1").text == f"Case {LABEL}"

    # Every field has a label a screen reader can read.
    for field in driver.find_elements(By.CSS_SELECTOR, "#case-form select, #case-form input[type=number], #case-form input[type=date], #case-form input[type=text], #case-form input:not([type])"):
        name = field.get_attribute("name")
        assert driver.find_elements(By.CSS_SELECTOR, f'label[for="{field.get_attribute("id")}"]'), name

    # The first open question is the country; answer it from the keyboard: its link, then Tab to the field.
    assert open_questions(driver)[0] == "jurisdiction"
    link = driver.find_element(By.CSS_SELECTOR, '#questions li[data-fact="jurisdiction"] a')
    assert link.text == "Which country's rules apply: where does the patient live?"
    link.send_keys(Keys.ENTER)
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element.get_attribute("id") == "fact-jurisdiction"
    ActionChains(driver).send_keys("S").perform()
    wait(driver, lambda d: Select(d.find_element(By.ID, "fact-jurisdiction")).first_selected_option.text == "Sweden")
    wait(driver, lambda d: status(d, "se.employment.job_support") is not None)
    assert "jurisdiction" not in open_questions(driver)
    assert driver.find_element(By.ID, "unsaved").is_displayed()
    before = status(driver, "se.employment.job_support")
    assert before != "deadlocked"

    # Facts of the Swedish sick-leave trap: the Employment Agency waits for Social Insurance and back.
    age = driver.find_element(By.ID, "fact-age")
    age.send_keys("47")
    Select(driver.find_element(By.ID, "fact-employment-status")).select_by_visible_text("On sick leave")
    driver.find_element(By.CSS_SELECTOR, 'input[name="employment.steady_job"][value="true"]').click()
    income = driver.find_element(By.ID, "fact-income-annual")
    income.send_keys("340000")
    wait(driver, lambda d: status(d, "se.employment.job_support") == "deadlocked")
    assert driver.find_elements(By.CSS_SELECTOR, "#result .deadlock")
    shot(driver, "case-live.png")

    driver.find_element(By.ID, "save").click()
    wait(driver, lambda d: "saved=2" in d.current_url)
    assert driver.find_element(By.ID, "notice").text == "Saved as version 2."

    # Reload: the case is as it was saved.
    driver.get(server.base + "/cases/1")
    assert Select(driver.find_element(By.ID, "fact-jurisdiction")).first_selected_option.get_attribute("value") == "SE"
    assert driver.find_element(By.ID, "fact-age").get_attribute("value") == "47"
    assert Select(driver.find_element(By.ID, "fact-employment-status")).first_selected_option.get_attribute("value") == "sick_leave"
    assert driver.find_element(By.CSS_SELECTOR, 'input[name="employment.steady_job"][value="true"]').is_selected()
    assert driver.find_element(By.ID, "fact-income-annual").get_attribute("value") == "340000"
    assert status(driver, "se.employment.job_support") == "deadlocked"
    assert driver.find_element(By.ID, "case-version").text == "2"
    driver.set_window_size(1400, 2000)
    shot(driver, "case-page.png")

    # The list shows the case; the print view is the meeting handout.
    driver.get(server.base + "/")
    assert driver.find_element(By.CSS_SELECTOR, "table.cases tbody th a").text == LABEL
    driver.get(server.base + "/cases/1")
    driver.find_element(By.LINK_TEXT, "Print view").click()
    wait(driver, lambda d: d.current_url.endswith("/cases/1/print"))
    # The same meeting document as `eligcheck plan --format html`, for the saved case.
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith(f"Plan for patient {LABEL} — meeting on ")
    assert any(h.text.startswith("Deadlock: ") for h in driver.find_elements(By.TAG_NAME, "h2"))
    shot(driver, "print-view.png")
    pdf = driver.print_page()
    assert len(pdf) > 1000

    log = server.log()
    for secret in (LABEL, "340000"):
        assert secret not in log


def test_the_pages_work_without_javascript(server):
    status_code, created = server.request("POST", "/v1/cases", {"label": "NoScript-1", "facts": {"jurisdiction": "SE"}})
    assert status_code == 201
    d = browser(javascript=False)
    try:
        d.get(server.base + f"/cases/{created['id']}")
        d.find_element(By.ID, "fact-age").send_keys("30")
        Select(d.find_element(By.ID, "fact-employment-status")).select_by_visible_text("Unemployed")
        d.find_element(By.ID, "check").click()
        wait(d, lambda x: "Checked without saving" in x.page_source)
        assert d.find_element(By.ID, "fact-age").get_attribute("value") == "30"
        assert d.find_element(By.ID, "case-version").text == "1"
        d.find_element(By.ID, "save").click()
        wait(d, lambda x: "saved=2" in x.current_url)
        status_code, case = server.request("GET", f"/v1/cases/{created['id']}")
        assert case["facts"]["age"] == 30 and case["facts"]["employment"]["status"] == "unemployed"
    finally:
        d.quit()


def test_a_stale_form_says_someone_else_changed_the_case(server, driver):
    status_code, created = server.request("POST", "/v1/cases", {"label": "Stale-1", "facts": {"jurisdiction": "SE"}})
    driver.get(server.base + f"/cases/{created['id']}")
    # Someone else saves meanwhile.
    assert server.request("PUT", f"/v1/cases/{created['id']}", {"version": 1, "facts": {"jurisdiction": "SE", "age": 50}})[0] == 200
    driver.find_element(By.ID, "fact-age").send_keys("40")
    driver.find_element(By.ID, "save").click()
    conflict = wait(driver, lambda d: d.find_elements(By.ID, "conflict"))[0]
    assert "Someone else changed this case" in conflict.text
    assert "(it is now at version 2; you started from version 1)" in conflict.text
    assert driver.find_element(By.ID, "fact-age").get_attribute("value") == "40"
    assert server.request("GET", f"/v1/cases/{created['id']}")[1]["facts"]["age"] == 50


ACUTE = {"id": "acute-1", "as_of": "2026-11-23", "jurisdiction": "DK", "age": 34,
         "gp": {"listed": True, "in_care_manager_project": False, "care_manager_scheme_offered": True},
         "diagnosis": {"icd10": "F32.2", "severity": "severe", "since": "2026-08-15"},
         "risk": {"acute": True}, "psychiatry": {"in_treatment": False},
         "social": {"support_need": "none", "functioning": "low"}}


def test_acute_risk_leads_the_result_and_the_print_view(server, driver):
    status_code, created = server.request("POST", "/v1/cases", {"label": "Acute-Case-Heron-3", "facts": ACUTE})
    assert status_code == 201
    driver.get(f"{server.base}/cases/{created['id']}")
    result = driver.find_element(By.ID, "result")
    # The alert is the first thing in the result, in the Danish acute route's words.
    first = result.find_elements(By.CSS_SELECTOR, "h2 + *")[0]
    assert first.get_attribute("class") == "alert"
    assert "If life is in danger, call 112" in first.text and "1813" in first.text
    labels = [dt.text for dt in result.find_elements(By.CSS_SELECTOR, "#bottom-line dt")]
    assert labels[0] == "Acute"
    bottom = {dt.text: dd.text for dt, dd in zip(result.find_elements(By.CSS_SELECTOR, "#bottom-line dt"),
                                                 result.find_elements(By.CSS_SELECTOR, "#bottom-line dd"))}
    assert bottom["Acute"].startswith("Acute route now: 112 if life is in danger")
    assert "visitation" not in bottom.get("Now", "")
    assert bottom["Later"].startswith("after the acute assessment: Regional psychiatry assesses the referral (visitation)")
    visitation = result.find_element(By.CSS_SELECTOR, 'li[data-service="dk.psychiatry.visitation"]')
    assert "after the acute assessment" in visitation.text
    shot(driver, "workspace-acute.png")
    # The answer changed on the form: the alert goes, live, and the visitation is no longer held.
    reveal(driver, "risk.acute").find_element(By.CSS_SELECTOR, 'input[name="risk.acute"][value="false"]').click()
    wait(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, "#result .alert"))
    assert "after the acute assessment" not in driver.find_element(By.ID, "result").text
    # The print view, the handout for a meeting, leads with the alert too (the saved case).
    driver.get(f"{server.base}/cases/{created['id']}/print")
    body = driver.find_element(By.TAG_NAME, "body").text
    assert body.index("If life is in danger, call 112") < body.index("Regional psychiatry assesses the referral")
    shot(driver, "workspace-acute-print.png")
