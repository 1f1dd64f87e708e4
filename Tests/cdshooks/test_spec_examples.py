"""The CDS Hooks specification's own example requests, signed as a listed client signs
them, and what this service answers.

Sources (the JSON in spec-examples/ is theirs, unchanged):
- patient-view-request.json: the example request of "Calling a CDS Service" in the CDS
  Hooks specification (github.com/cds-hooks/docs, docs/specification/current.md at commit
  099bf0eb02a2bcf93bbc92e397ac5d630af2aee6; published at cds-hooks.hl7.org).
- order-select-r4.json: "Example (R4)" of the order-select hook (the same repository,
  docs/hooks/order-select.md; cds-hooks.org/hooks/order-select): the hook's context only,
  which is sent here in the envelope of the request above.

The patient (1288992, born 1925, no address) is not one of these rules' countries, and
the orders are a diet and an antibiotic: no card is right for either hook. But a service
must have the patient to say so for patient-view: the example sends it under its own
prefetch key (patientToGreet), not this service's, and names a FHIR server no deployment
here may list (plain HTTP off loopback), so CDS Hooks asks for 412. Pointed at a FHIR
server the client may name, the same request is answered with no card; the orders need
no patient at all."""
import copy
import json
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from fhirservice import SANDBOX_TOKEN, fhir, fhir_service  # noqa: E402,F401 (fixtures)

EXAMPLES = os.path.join(os.path.dirname(__file__), "spec-examples")


def example(name):
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


def send(fhir, path, body):
    status, answer, _ = fhir.client.call(path, body, fhir.client.token(path))
    return status, answer


def test_the_patient_view_example_as_written_is_412(fhir):
    status, answer = send(fhir, "/cds-services/eligcheck-patient-view", example("patient-view-request.json"))
    assert status == 412
    assert answer == {"status": 412, "error": (
        "prefetch.patient: missing, and fhirServer 'http://hooks.smarthealthit.org:9080' is not one this service may "
        "query for issuer 'https://ehr.region.example' (fhir_servers in the CDS clients file); the record system must "
        "send the prefetch templates of GET /cds-services"), "problems": [{"at": "prefetch.patient", "message": (
            "missing, and fhirServer 'http://hooks.smarthealthit.org:9080' is not one this service may query for issuer "
            "'https://ehr.region.example' (fhir_servers in the CDS clients file); the record system must send the "
            "prefetch templates of GET /cds-services")}]}


def test_the_patient_view_example_with_a_listed_fhir_server_has_no_card(fhir):
    call = example("patient-view-request.json")
    call["fhirServer"] = fhir.sandbox.base
    status, answer = send(fhir, "/cds-services/eligcheck-patient-view", call)
    assert (status, answer) == (200, {"cards": []})
    assert sorted(fhir.sandbox.requests) == sorted([
        ("/fhir/Patient/1288992", "Bearer " + SANDBOX_TOKEN),
        ("/fhir/Condition?patient=1288992&clinical-status=active,recurrence,relapse", "Bearer " + SANDBOX_TOKEN),
        ("/fhir/Consent?patient=1288992&status=active", "Bearer " + SANDBOX_TOKEN)])


def test_the_patient_view_example_with_our_prefetch_key_has_no_card(fhir):
    call = example("patient-view-request.json")
    call["prefetch"] = {"patient": copy.deepcopy(call["prefetch"]["patientToGreet"])}
    status, answer = send(fhir, "/cds-services/eligcheck-patient-view", call)
    assert (status, answer) == (200, {"cards": []})


def test_the_order_select_example_has_no_card_and_queries_nothing(fhir):
    envelope = example("patient-view-request.json")
    call = {"hookInstance": str(uuid.uuid4()), "hook": "order-select", "fhirServer": fhir.sandbox.base,
            "fhirAuthorization": envelope["fhirAuthorization"], **example("order-select-r4.json")}
    status, answer = send(fhir, "/cds-services/eligcheck-referral", call)
    assert (status, answer) == (200, {"cards": []})
    assert fhir.sandbox.requests == []
