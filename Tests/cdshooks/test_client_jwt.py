"""A CDS Hooks client as CDS Hooks 2.0 describes it, against the real `eligcheck serve`:
it signs a JWT for every call with a key of its own JWK Set, which it serves over HTTPS
on loopback (a certificate from a CA made for the test, which the service is told to
trust). Real-shaped Danish, Swedish and Norwegian orders get their cards; unsigned,
expired, wrong-audience, replayed, unknown-issuer and otherwise bad tokens get 401 with
the reason, and the log names the kind of reason, never the token."""
import base64
import hashlib
import hmac
import json
import os
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from cdsclient import ISSUER, Client, KeySetServer  # noqa: E402
import cdsschema  # noqa: E402
from certificates import make_ca_and_certificate  # noqa: E402
from eligserver import REPO, Server, free_port  # noqa: E402

FIXTURES = os.path.join(REPO, "Tests", "EligibilityServerTests", "Fixtures", "fhir")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def setup():
    with tempfile.TemporaryDirectory(prefix="eligcheck-cds-") as folder:
        certs = make_ca_and_certificate(folder)
        keys = KeySetServer(certs, {})
        port = free_port()
        service = Server(os.path.join(folder, "cases.sqlite"), os.path.join(folder, "server.log"),
                         extra=["--cds-clients", os.path.join(folder, "clients.yaml")])
        service.port = port
        service.base = f"http://127.0.0.1:{port}"
        client = Client(service, keys.base + "/jwks.json")
        keys.sets["/jwks.json"] = client.public_set()
        with open(os.path.join(folder, "clients.yaml"), "w") as f:
            f.write(f"service_url: {service.base}\n"
                    f"trust: {certs['ca.pem']}\n"
                    f"clients:\n"
                    f"  - iss: {ISSUER}\n"
                    f"    jwks: [{keys.base}/jwks.json, {keys.base}/second.json]\n"
                    f"    sub: [ehr-client-1]\n")
        service.start()
        yield client, service, keys
        service.stop()
        keys.stop()


ORDERS = [
    ("dk-order-select.json", "cds-services/eligcheck-referral"),
    ("dk-snomed-order-select.json", "cds-services/eligcheck-referral"),
    ("se-order-select.json", "cds-services/eligcheck-referral"),
    ("no-order-select.json", "cds-services/eligcheck-referral"),
    ("dk-patient-view.json", "cds-services/eligcheck-patient-view"),
]


@pytest.mark.parametrize("name,path", ORDERS)
def test_signed_orders_get_their_cards(setup, name, path):
    client, _, _ = setup
    expected = fixture(name.replace(".json", ".cards.json"))
    path = "/" + path
    status, body, _ = client.call(path, fixture(name), client.token(path))
    assert status == 200, body
    assert [c["summary"] for c in body["cards"]] == [c["summary"] for c in expected["cards"]]
    assert [c["indicator"] for c in body["cards"]] == [c["indicator"] for c in expected["cards"]]
    assert body["cards"], "a covered order gets a card"


def test_rs384_is_accepted_as_well(setup):
    client, _, _ = setup
    path = "/cds-services/eligcheck-referral"
    status, body, _ = client.call(path, fixture("se-order-select.json"), client.token(path, alg="RS384"))
    assert status == 200, body


def refusal(client, path, token, body=None):
    status, answer, headers = client.call(path, body or fixture("dk-order-select.json"), token)
    assert status == 401, answer
    assert headers.get("WWW-Authenticate") == 'Bearer error="invalid_token"'
    assert [p["at"] for p in answer["problems"]] == ["Authorization"]
    return answer["problems"][0]["message"]


PATH = "/cds-services/eligcheck-referral"


def test_unsigned_call_is_refused(setup):
    client, _, _ = setup
    assert refusal(client, PATH, None) == "a CDS client signs a JWT for every call: Authorization: Bearer <JWT>"


def test_expired_token_is_refused(setup):
    client, _, _ = setup
    now = int(time.time())
    message = refusal(client, PATH, client.token(PATH, exp=now - 120, iat=now - 420))
    assert message.startswith("the JWT expired ") and message.endswith(" s ago")


def test_wrong_audience_is_refused(setup):
    client, service, _ = setup
    message = refusal(client, PATH, client.token(PATH, aud="https://other.example/cds-services/eligcheck-referral"))
    assert message == ("the JWT's aud is 'https://other.example/cds-services/eligcheck-referral'; "
                       f"a call to this service must name {service.base}{PATH}")


def test_replayed_token_is_refused(setup):
    client, _, _ = setup
    token = client.token(PATH)
    status, _, _ = client.call(PATH, fixture("dk-order-select.json"), token)
    assert status == 200
    jti = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))["jti"]
    assert refusal(client, PATH, token) == f"this JWT (jti '{jti}') was used before; sign a new one for every call"


def test_unknown_issuer_is_refused(setup):
    client, _, _ = setup
    assert refusal(client, PATH, client.token(PATH, iss="https://stranger.example")) == \
        "issuer 'https://stranger.example' is not a CDS client of this service"


def test_key_set_not_listed_is_refused(setup):
    client, _, keys = setup
    message = refusal(client, PATH, client.token(PATH, header={"jku": keys.base + "/elsewhere.json"}))
    assert message == f"the JWT's jku {keys.base}/elsewhere.json is not a key set listed for issuer '{ISSUER}'"


def test_unknown_key_is_refused(setup):
    client, _, keys = setup
    message = refusal(client, PATH, client.token(PATH, header={"kid": "nobody"}))
    assert message == f"the JWK Set of issuer '{ISSUER}' at {keys.base}/jwks.json has no key 'nobody'"


def test_key_set_that_cannot_be_fetched_is_refused(setup):
    client, _, keys = setup
    message = refusal(client, PATH, client.token(PATH, header={"jku": keys.base + "/second.json"}))
    assert message == f"the issuer's JWK Set at {keys.base}/second.json answered 404"


def test_forged_signature_is_refused(setup):
    client, _, _ = setup
    head, payload, signature = client.token(PATH).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "ehr-client-1"
    claims["aud"] = [claims["aud"], "https://extra.example"]
    forged = ".".join([head, b64(json.dumps(claims).encode()), signature])
    assert refusal(client, PATH, forged) == f"the JWT's signature does not verify with key 'ec-1' of issuer '{ISSUER}'"


def test_other_algorithms_are_refused(setup):
    client, _, _ = setup
    claims = b64(json.dumps(client.claims(PATH)).encode())
    none = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": "ec-1"}).encode()) + "." + claims + "."
    assert refusal(client, PATH, none) == "the JWT is signed with 'none'; this service accepts RS384 and ES384"
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "ec-1"}).encode())
    mac = b64(hmac.new(b"guess", (head + "." + claims).encode(), hashlib.sha256).digest())
    assert refusal(client, PATH, head + "." + claims + "." + mac) == \
        "the JWT is signed with 'HS256'; this service accepts RS384 and ES384"


def test_long_lived_and_future_tokens_are_refused(setup):
    client, _, _ = setup
    now = int(time.time())
    message = refusal(client, PATH, client.token(PATH, exp=now + 86400))
    assert message.startswith("the JWT expires ") and message.endswith(
        " s from now; this service accepts tokens that live at most 3600 s (CDS Hooks recommends 300)")
    message = refusal(client, PATH, client.token(PATH, iat=now + 600))
    assert message.startswith("the JWT was issued ") and message.endswith(" s in the future; check the record system's clock")


def test_missing_claims_are_named(setup):
    client, _, _ = setup
    assert refusal(client, PATH, client.token(PATH, jti=None)) == \
        "the JWT has no 'jti': a nonce that makes each token single-use"
    assert refusal(client, PATH, client.token(PATH, sub="someone-else")) == \
        f"client id 'someone-else' is not one listed for issuer '{ISSUER}'"
    assert refusal(client, PATH, "not-a-jwt") == \
        "the bearer token is not a JWT: three base64url parts separated by '.', the first a JSON header"


def test_feedback_needs_a_token_and_discovery_does_not(setup):
    client, service, _ = setup
    path = "/cds-services/eligcheck-referral/feedback"
    body = {"feedback": [{"card": str(uuid.uuid4()), "outcome": "accepted",
                          "outcomeTimestamp": "2026-12-05T10:00:00Z"}]}
    assert refusal(client, path, None, body) == "a CDS client signs a JWT for every call: Authorization: Bearer <JWT>"
    status, _, _ = client.call(path, body, client.token(path))
    assert status == 200
    with urllib.request.urlopen(service.base + "/cds-services", timeout=10) as response:
        assert response.status == 200
        discovery = json.loads(response.read())
        assert [s["id"] for s in discovery["services"]] == ["eligcheck-referral", "eligcheck-patient-view"]
        cdsschema.check(discovery, "discovery")


def test_the_key_set_is_fetched_once_and_the_log_holds_no_token(setup):
    client, service, keys = setup
    for _ in range(3):
        status, _, _ = client.call(PATH, fixture("dk-order-select.json"), client.token(PATH))
        assert status == 200
    assert keys.fetches.count("/jwks.json") <= 2  # first fetch, and one after the unknown 'nobody' key at most
    token = client.token(PATH, exp=int(time.time()) - 100)
    refusal(client, PATH, token)
    log = service.log()
    assert "CDS client refused" in log and "reason=expired" in log
    assert token not in log and token.split(".")[2] not in log
