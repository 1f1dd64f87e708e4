"""The service queries the record system's FHIR server itself when a signed call lacks
prefetch (CDS Hooks 2.0, FHIR Resource Access), against a fake FHIR server on loopback:
the same cards as with the prefetch sent, the Condition search followed to its second
page, a search longer than the page limit said to be cut, a wrong token, and no request
at all to a server the client is not allowed to name or to a next page elsewhere."""
import copy
import os
import sys
import time
import uuid

from fhir.resources.R4B import get_fhir_model_class

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from eligserver import Server  # noqa: E402
from fhirservice import RECORD_TOKEN, fhir, fhir_service  # noqa: E402,F401 (fixtures)
import records  # noqa: E402

PATIENT_VIEW = "/cds-services/eligcheck-patient-view"
REFERRAL = "/cds-services/eligcheck-referral"
CONDITIONS = "Condition?patient={}&clinical-status=active,recurrence,relapse"


# The Norwegian patient's record (records.norwegian) read from both pages of conditions:
# the depression of entry[2] is on page 2.
EXPECTED_SUMMARIES = [
    "Outpatient mental health care at DPS after GP referral: write a referral to the district psychiatric centre (DPS) first",
    "The GP talks to DPS before referring (advice and where to refer): can be referred now",
    "Municipal mental health services (first line): can be referred now",
    "2 open questions decide 3 services: Does the patient need support from the municipality's social services?",
]
EXPECTED_RECORD_LINE = (
    "From the record: age (prefetch.patient.birthDate), consent to share between health and social services "
    "(prefetch.consents.entry[0].resource.provision), diagnosis (prefetch.conditions.entry[2].resource.code.coding[0].code), "
    "severity (prefetch.conditions.entry[2].resource.severity.coding[0]), episode began "
    "(prefetch.conditions.entry[2].resource.onsetDateTime), listed with a GP (prefetch.patient.generalPractitioner), "
    "country (prefetch.patient.address[0].country). Not used: the condition prefetch.conditions.entry[0].resource is "
    "coded in no system this service reads (SNOMED CT 39065001 is not among the disorders this service reads); the "
    "condition prefetch.conditions.entry[1].resource has only a text, no code.")
REFERRAL_TEXT = "Write a referral to the district psychiatric centre (DPS)"
EXPECTED_TASK = {
    "resourceType": "Task", "status": "draft", "intent": "proposal",
    "code": {"coding": [{"system": "urn:eligcheck:action", "code": "no.gp.refer_to_dps"}], "text": REFERRAL_TEXT},
    "description": REFERRAL_TEXT,
    "for": {"reference": "Patient/no-pt-7"},
    "requester": {"reference": "Practitioner/no-gp-7"},
    "owner": {"reference": "Practitioner/no-gp-7", "display": "Fastlege Kari Nilsen"},
}


def request(hook, patient_id, fhir_server, token=RECORD_TOKEN, prefetch=None, orders=None):
    body = {"hookInstance": str(uuid.uuid4()), "hook": hook, "fhirServer": fhir_server,
            "fhirAuthorization": {"access_token": token, "token_type": "Bearer", "expires_in": 300,
                                  "scope": "user/Patient.read user/Condition.read user/Consent.read",
                                  "subject": "eligcheck"},
            "context": {"userId": "Practitioner/no-gp-7", "patientId": patient_id}}
    if orders:
        body["context"]["draftOrders"] = orders
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def dps_referral(patient_id):
    """A GP's referral to psychiatry (SNOMED CT 183524004): in Norway, the DPS."""
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "ServiceRequest", "id": "no-sr-7", "status": "draft", "intent": "order",
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "183524004",
                             "display": "Referral to psychiatry service"}]},
        "subject": {"reference": "Patient/" + patient_id}, "requester": {"reference": "Practitioner/no-gp-7"}}}]}


def send(fhir, path, body):
    status, answer, _ = fhir.client.call(path, body, fhir.client.token(path))
    return status, answer


def without_ids(answer):
    """The answer without what differs from call to call: uuids and authoredOn."""
    answer = copy.deepcopy(answer)
    for card in answer["cards"]:
        card.pop("uuid")
        for suggestion in card.get("suggestions", []):
            suggestion.pop("uuid")
            for action in suggestion["actions"]:
                action["resource"].pop("authoredOn")
    return answer


def full_prefetch(resources):
    return {"patient": copy.deepcopy(resources[0]),
            "conditions": records.searchset([r for r in resources if r.get("clinicalStatus", {}).get("coding", [{}])[0].get("code") == "active"], "Condition"),
            "consents": records.searchset(resources, "Consent")}


def details(answer):
    return [card["detail"].split("\n")[-1] for card in answer["cards"]]


def test_no_prefetch_gives_the_cards_of_a_full_prefetch(fhir):
    resources = records.norwegian("no-pt-7")
    for hook, path, orders in [("patient-view", PATIENT_VIEW, None), ("order-select", REFERRAL, dps_referral("no-pt-7"))]:
        fhir.record.requests.clear()
        status, fetched = send(fhir, path, request(hook, "no-pt-7", fhir.record.base, orders=orders))
        assert status == 200, fetched
        status, sent = send(fhir, path, request(hook, "no-pt-7", fhir.stranger.base, prefetch=full_prefetch(resources), orders=orders))
        assert status == 200, sent
        assert without_ids(fetched) == without_ids(sent)
        assert sorted(fhir.record.paths()) == sorted([
            "/fhir/Patient/no-pt-7",
            "/fhir/" + CONDITIONS.format("no-pt-7"),
            "/fhir/" + CONDITIONS.format("no-pt-7") + "&_page=2",
            "/fhir/Consent?patient=no-pt-7&status=active"])
        assert {auth for _, auth in fhir.record.requests} == {"Bearer " + RECORD_TOKEN}
    assert fhir.stranger.requests == []


def test_the_second_page_of_conditions_gives_the_diagnosis(fhir):
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    assert status == 200, answer
    assert [card["summary"] for card in answer["cards"]] == EXPECTED_SUMMARIES
    assert details(answer)[0] == EXPECTED_RECORD_LINE


def test_a_first_page_sent_as_prefetch_is_continued_from_the_fhir_server(fhir):
    resources = records.norwegian("no-pt-7")
    _, first = fhir.record.answer("/fhir/" + CONDITIONS.format("no-pt-7"), "Bearer " + RECORD_TOKEN)
    assert [link["relation"] for link in first["link"]] == ["self", "next"]
    prefetch = {**full_prefetch(resources), "conditions": first}
    status, continued = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base, prefetch=prefetch))
    assert status == 200, continued
    assert fhir.record.paths() == ["/fhir/" + CONDITIONS.format("no-pt-7") + "&_page=2"]
    status, sent = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base, prefetch=full_prefetch(resources)))
    assert status == 200, sent
    assert without_ids(continued) == without_ids(sent)


def test_a_search_longer_than_the_page_limit_is_cut_and_the_cards_say_so(fhir):
    fhir.record.page_size = 1
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-8", fhir.record.base))
    assert status == 200, answer
    conditions = [p for p in fhir.record.paths() if p.startswith("/fhir/Condition")]
    assert conditions == ["/fhir/" + CONDITIONS.format("no-pt-8")] + \
        ["/fhir/" + CONDITIONS.format("no-pt-8") + f"&_page={n}" for n in range(2, 6)]
    note = ("the conditions are only the first 5 pages of the search (stopped after 5 pages from the FHIR server), "
            "so the list may be incomplete")
    assert all(note in line for line in details(answer)), details(answer)


def test_a_wrong_token_is_refused_by_the_fhir_server(fhir):
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base, token="stolen"))
    assert status == 412
    assert answer["error"] == ("prefetch.patient: missing, and Patient/no-pt-7 could not be fetched from fhirServer: "
                               "it answered 401")
    # With the patient sent, the conditions and consents are missing, and the cards say why.
    prefetch = {"patient": records.patient("no-pt-7")}
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base, token="stolen", prefetch=prefetch))
    assert status == 200, answer
    assert all(line.endswith(
        "Note: the conditions could not be fetched from the FHIR server (it answered 401), so they are unknown; "
        "the consents could not be fetched from the FHIR server (it answered 401), so they are unknown.")
        for line in details(answer)), details(answer)
    assert {auth for _, auth in fhir.record.requests} == {"Bearer stolen"}


def test_a_fhir_server_not_listed_for_the_client_gets_no_request(fhir):
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.stranger.base))
    assert status == 412
    assert answer["error"] == (
        f"prefetch.patient: missing, and fhirServer '{fhir.stranger.base}' is not one this service may query for issuer "
        "'https://ehr.region.example' (fhir_servers in the CDS clients file); the record system must send the prefetch "
        "templates of GET /cds-services")
    # A path under a listed server is not that server either.
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base + "/Patient"))
    assert status == 412
    assert fhir.stranger.requests == [] and fhir.record.requests == []


def test_a_next_link_to_another_server_is_not_followed(fhir):
    fhir.record.next_base = fhir.stranger.base
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    assert status == 200, answer
    assert fhir.stranger.requests == []
    note = ("the conditions are only the first page of the search (the next page's address is not on the FHIR server, "
            "so it was not fetched), so the list may be incomplete")
    assert all(note in line for line in details(answer)), details(answer)


def test_an_answer_over_the_size_limit_is_not_read(fhir):
    fhir.record.oversize = {"Consent"}
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    assert status == 200, answer
    note = "the consents could not be fetched from the FHIR server (its answer is larger than 1048576 bytes), so they are unknown"
    assert all(note in line for line in details(answer)), details(answer)


def test_a_slow_fhir_server_is_given_8_seconds(fhir):
    fhir.record.delay = {"Consent": 12}
    started = time.monotonic()
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    took = time.monotonic() - started
    assert status == 200, answer
    assert 7.5 < took < 11, took
    note = "the consents could not be fetched from the FHIR server (it did not answer within 8 s), so they are unknown"
    assert all(note in line for line in details(answer)), details(answer)


def test_a_fetched_resource_that_breaks_fhir_is_named_as_fetched(fhir):
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-9", fhir.record.base))
    assert status == 400
    assert answer["error"] == ("prefetch.patient.birthDate: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD) "
                               "(in what this service fetched from fhirServer)")


def test_suggested_tasks_are_valid_fhir_and_complete(fhir):
    status, answer = send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    assert status == 200, answer
    tasks = [action["resource"] for card in answer["cards"] for s in card.get("suggestions", []) for action in s["actions"]]
    assert tasks, "the DPS card suggests the GP's referral"
    for task in tasks:
        get_fhir_model_class("Task").model_validate(task)
    task = dict(tasks[0])
    assert task.pop("authoredOn").endswith("Z")
    assert task == EXPECTED_TASK


def test_without_cds_clients_no_fhir_server_is_queried(fhir):
    plain = Server(os.path.join(fhir.folder, "plain.sqlite"), os.path.join(fhir.folder, "plain.log")).start()
    try:
        status, answer = plain.request("POST", PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    finally:
        plain.stop()
    assert status == 412
    assert answer["error"] == (
        "prefetch.patient: missing, and this service queries a FHIR server only for the CDS clients of serve --cds-clients, "
        "and runs without them; the record system must send the prefetch templates of GET /cds-services")
    assert fhir.record.requests == []


def test_the_log_names_the_queries_and_no_patient(fhir):
    send(fhir, PATIENT_VIEW, request("patient-view", "no-pt-7", fhir.record.base))
    log = fhir.service.log()
    assert "FHIR query" in log and "outcome=ok pages=2 resource=Condition" in log
    assert "no-pt-7" not in log and RECORD_TOKEN not in log


def test_a_token_for_another_patient_or_of_another_type_is_not_used(fhir):
    call = request("patient-view", "no-pt-7", fhir.record.base)
    call["fhirAuthorization"]["patient"] = "no-pt-8"
    status, answer = send(fhir, PATIENT_VIEW, call)
    assert status == 412
    assert answer["error"] == ("prefetch.patient: missing, and its fhirAuthorization is for patient 'no-pt-8', not "
                               "context.patientId; the record system must send the prefetch templates of GET /cds-services")
    call = request("patient-view", "no-pt-7", fhir.record.base)
    call["fhirAuthorization"]["token_type"] = "MAC"
    status, answer = send(fhir, PATIENT_VIEW, call)
    assert status == 400
    assert answer["error"] == "fhirAuthorization.token_type: expected Bearer, found 'MAC'"
    assert fhir.record.requests == []
