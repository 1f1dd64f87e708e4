"""The real `eligcheck serve` as a hospital would run it: HTTPS with its certificate
(`--tls-cert`, `--tls-key`), CDS Hooks on a port of its own (`--cds-port`), and CORS for a
browser-based CDS client (`--cors-origin`)."""
import json
import os
import ssl
import sys
import tempfile
import urllib.error
import urllib.request

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from certificates import make_ca_and_certificate  # noqa: E402
from eligserver import BINARY, REPO, Server, free_port  # noqa: E402

SANDBOX = "https://sandbox.cds-hooks.example"
FIXTURES = os.path.join(REPO, "Tests", "EligibilityServerTests", "Fixtures", "fhir")


@pytest.fixture(scope="module")
def served():
    with tempfile.TemporaryDirectory(prefix="eligcheck-listeners-") as folder:
        certs = make_ca_and_certificate(folder)
        context = ssl.create_default_context(cafile=certs["ca.pem"])
        cds_port = free_port()
        server = Server(os.path.join(folder, "cases.sqlite"), os.path.join(folder, "server.log"),
                        extra=["--tls-cert", certs["cert.pem"], "--tls-key", certs["key.pem"],
                               "--cds-port", str(cds_port), "--cors-origin", SANDBOX],
                        tls_context=context)
        server.start()
        yield server, f"https://127.0.0.1:{cds_port}", context
        server.stop()


def call(url, context, method="GET", body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_https_with_the_servers_certificate_and_no_plain_http(served):
    server, _, context = served
    status, _, body = call(server.base + "/healthz", context)
    assert status == 200
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        urllib.request.urlopen(server.base.replace("https://", "http://") + "/healthz", timeout=5)
    # A client that does not trust the CA refuses the certificate.
    with pytest.raises(urllib.error.URLError) as refused:
        urllib.request.urlopen(server.base + "/healthz", timeout=5, context=ssl.create_default_context())
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)


def test_cds_hooks_listen_on_their_own_port_only(served):
    server, cds, context = served
    status, _, body = call(cds + "/cds-services", context)
    assert status == 200
    assert [s["id"] for s in json.loads(body)["services"]] == ["eligcheck-referral", "eligcheck-patient-view"]
    with open(os.path.join(FIXTURES, "dk-order-select.json"), encoding="utf-8") as f:
        order = json.load(f)
    status, _, body = call(cds + "/cds-services/eligcheck-referral", context, "POST", order,
                           {"Content-Type": "application/json"})
    assert status == 200 and json.loads(body)["cards"]
    assert call(cds + "/healthz", context)[0] == 200
    # The JSON API and the workspace are not on the CDS port, and CDS Hooks not on the main one.
    assert call(cds + "/v1/services", context)[0] == 404
    assert call(server.base + "/cds-services", context)[0] == 404
    assert call(server.base + "/v1/services", context)[0] == 200


def test_cors_for_the_listed_origin_only(served):
    server, cds, context = served
    preflight = {"Origin": SANDBOX, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"}
    status, headers, _ = call(cds + "/cds-services/eligcheck-referral", context, "OPTIONS", headers=preflight)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == SANDBOX
    assert headers["Access-Control-Allow-Methods"] == "GET, POST, PUT, DELETE, OPTIONS"
    assert headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type, Accept, If-Match"
    assert headers["Access-Control-Max-Age"] == "600"
    assert headers["Vary"] == "Origin"
    status, headers, _ = call(cds + "/cds-services", context, headers={"Origin": SANDBOX})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == SANDBOX
    other = dict(preflight, Origin="https://evil.example")
    status, headers, _ = call(cds + "/cds-services/eligcheck-referral", context, "OPTIONS", headers=other)
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = call(server.base + "/v1/services", context, headers={"Origin": "https://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    # The workspace's pages are not shared with any origin.
    status, headers, _ = call(server.base + "/", context, headers={"Origin": SANDBOX})
    assert "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize("flags,message", [
    (["--tls-cert", "/no/such/cert.pem"], "error: --tls-cert and --tls-key go together: the certificate and its private key"),
    (["--cds-port", "0"], "error: --cds-port must be between 1 and 65535; found 0"),
    (["--cors-origin", "https://ehr.example/path"],
     "error: --cors-origin must be an origin such as https://ehr.example.org (scheme, host and port, no path); found 'https://ehr.example/path'"),
])
def test_bad_listener_flags_stop_the_server(flags, message, tmp_path):
    import subprocess
    result = subprocess.run([BINARY, "serve", "--port", str(free_port()), "--db", str(tmp_path / "c.sqlite")] + flags,
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == message


def test_unreadable_certificate_and_key_are_named(tmp_path):
    import subprocess
    key = tmp_path / "key.pem"
    key.write_text("not a key")
    cert = tmp_path / "cert.pem"
    cert.write_text("not a certificate")

    def serve(cert_path, key_path):
        result = subprocess.run([BINARY, "serve", "--port", str(free_port()), "--db", str(tmp_path / "c.sqlite"),
                                 "--tls-cert", str(cert_path), "--tls-key", str(key_path)],
                                cwd=REPO, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        return result.stderr.strip()

    assert serve(tmp_path / "missing.pem", key) == f"error: {tmp_path}/missing.pem: cannot read the file"
    assert serve(cert, key) == (f"error: {cert}: expected the server's certificate chain in PEM "
                                "('-----BEGIN CERTIFICATE-----'), found none")
    with tempfile.TemporaryDirectory() as folder:
        good = make_ca_and_certificate(folder)
        assert serve(good["cert.pem"], key) == (f"error: {key}: expected the certificate's private key in PEM "
                                                "('-----BEGIN PRIVATE KEY-----'), found none that can be read")
