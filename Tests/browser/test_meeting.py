"""A SIP meeting on a case in a real browser: planned, held, its minutes printed, its agreed
actions on the case list."""
import datetime

from selenium.webdriver.common.by import By

from test_workspace import browser, shot, wait


def set_value(driver, name, value):
    element = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def test_a_meeting_from_agenda_to_minutes_and_its_actions_on_the_case_list(server):
    status, created = server.request("POST", "/v1/cases", {"label": "SIP-Case-Heron", "facts": {
        "jurisdiction": "SE", "age": 44, "employment": {"status": "sick_leave", "steady_job": True}}})
    assert status == 201
    case = created["id"]
    driver = browser()
    try:
        driver.get(f"{server.base}/cases/{case}")
        driver.find_element(By.ID, "plan-meeting").click()
        wait(driver, lambda d: d.find_elements(By.ID, "meeting-form"))
        set_value(driver, "date", "2026-01-20")
        for name, value in [("participant_agency_0", "Försäkringskassan"), ("participant_role_0", "handläggare"),
                            ("participant_name_0", "Eva Berg"), ("participant_agency_1", "Region Uppsala"),
                            ("participant_role_1", "GP"), ("participant_name_1", "Dr Lund"),
                            ("agreed_what_0", "Send the medical certificate to Försäkringskassan"),
                            ("agreed_owner_0", "Dr Lund")]:
            driver.find_element(By.NAME, name).send_keys(value)
        set_value(driver, "agreed_due_0", "2026-02-01")
        driver.find_element(By.ID, "notes").send_keys("The patient and her sister took part.")
        driver.find_element(By.ID, "save-meeting").click()
        wait(driver, lambda d: d.find_elements(By.ID, "meetings") and "Meeting on 2026-01-20" in d.find_element(By.ID, "meetings").text)
        assert "2 taking part, 1 agreed action(s)" in driver.find_element(By.ID, "meetings").text
        driver.find_element(By.LINK_TEXT, "minutes").click()
        wait(driver, lambda d: d.find_elements(By.ID, "meeting"))
        section = driver.find_element(By.ID, "meeting").text
        assert "Minutes: meeting on 2026-01-20" in section
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()  # the server's Day.today is UTC
        assert driver.find_element(By.TAG_NAME, "h1").text == f"Plan for patient SIP-Case-Heron — meeting on 2026-01-20 (plan as of {today})"
        assert "Försäkringskassan handläggare Eva Berg" in section
        assert "Send the medical certificate to Försäkringskassan Dr Lund 2026-02-01" in section
        shot(driver, "meeting-minutes.png")
        driver.get(server.base + "/")
        row = driver.find_element(By.CSS_SELECTOR, "#agreed tbody tr").text
        assert row == "2026-02-01 (overdue) SIP-Case-Heron Send the medical certificate to Försäkringskassan Dr Lund"
    finally:
        driver.quit()
