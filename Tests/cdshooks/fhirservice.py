"""The service with CDS clients whose calls may name a FHIR server, for the tests of its
own queries (test_fhir_queries.py) and of the CDS Hooks spec's example requests
(test_spec_examples.py), which import the fixtures: an `eligcheck serve`, the client's key
set over HTTPS, and three fake FHIR servers on loopback: `record` and `sandbox` are in the
client's `fhir_servers`, `stranger` is not. (Not a conftest.py: Tests/browser has one, and
both are run together.)"""
import os
import sys
import tempfile
from types import SimpleNamespace

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
sys.path.insert(0, os.path.dirname(__file__))
from cdsclient import ISSUER, Client, KeySetServer  # noqa: E402
from certificates import make_ca_and_certificate  # noqa: E402
from eligserver import Server, free_port  # noqa: E402
from fakefhir import FakeFHIRServer  # noqa: E402
import records  # noqa: E402

RECORD_TOKEN = "record-token-7f3a"
# The access token of the CDS Hooks 2.0 example request.
SANDBOX_TOKEN = "some-opaque-fhir-access-token"


@pytest.fixture(scope="module")
def fhir_service():
    with tempfile.TemporaryDirectory(prefix="eligcheck-fhir-") as folder:
        certs = make_ca_and_certificate(folder)
        keys = KeySetServer(certs, {})
        broken = {**records.patient("no-pt-9"), "birthDate": "15-08-1985"}
        record = FakeFHIRServer(RECORD_TOKEN, records.norwegian("no-pt-7") + records.many_conditions("no-pt-8", 7) + [broken])
        sandbox = FakeFHIRServer(SANDBOX_TOKEN, [records.SPEC_PATIENT])
        stranger = FakeFHIRServer(RECORD_TOKEN, records.norwegian("no-pt-7"))
        service = Server(os.path.join(folder, "cases.sqlite"), os.path.join(folder, "server.log"),
                         extra=["--cds-clients", os.path.join(folder, "clients.yaml")])
        service.port = free_port()
        service.base = f"http://127.0.0.1:{service.port}"
        client = Client(service, keys.base + "/jwks.json")
        keys.sets["/jwks.json"] = client.public_set()
        with open(os.path.join(folder, "clients.yaml"), "w") as f:
            f.write(f"service_url: {service.base}\n"
                    f"trust: {certs['ca.pem']}\n"
                    f"clients:\n"
                    f"  - iss: {ISSUER}\n"
                    f"    jwks: {keys.base}/jwks.json\n"
                    f"    fhir_servers: [{record.base}, {sandbox.base}/]\n")
        service.start()
        try:
            yield SimpleNamespace(service=service, client=client, record=record, sandbox=sandbox, stranger=stranger,
                                  folder=folder)
        finally:
            service.stop()
            for server in (keys, record, sandbox, stranger):
                server.stop()


@pytest.fixture
def fhir(fhir_service):
    """The session's service, with the fake servers' request logs emptied and their
    settings as at the start."""
    for server in (fhir_service.record, fhir_service.sandbox, fhir_service.stranger):
        server.requests.clear()
        server.page_size = 2
        server.next_base = None
        server.oversize = set()
        server.delay = {}
    return fhir_service
