"""A CDS Hooks client as CDS Hooks 2.0 describes it, for the tests against the real
`eligcheck serve`: it signs a JWT for every call with a key of its own JWK Set, which a
small HTTPS server on loopback serves (a certificate from a CA made for the test)."""
import http.server
import json
import ssl
import threading
import time
import urllib.error
import urllib.request
import uuid

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey

import cdsschema

ISSUER = "https://ehr.region.example"


class KeySetServer:
    """Serves JWK Sets over HTTPS on loopback and counts the fetches."""

    def __init__(self, certs, sets):
        self.sets = sets
        self.fetches = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.fetches.append(self.path)
                body = owner.sets.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certs["cert.pem"], certs["key.pem"])
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.base = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()


class Client:
    """The record system: its keys, and how it signs and sends a call."""

    def __init__(self, service, jwks_url):
        self.service = service
        self.jwks_url = jwks_url
        self.ec = ECKey.generate_key("P-384", parameters={"kid": "ec-1", "alg": "ES384", "use": "sig"})
        self.rsa = RSAKey.generate_key(2048, parameters={"kid": "rsa-1", "alg": "RS384", "use": "sig"})

    def public_set(self):
        return KeySet([self.ec, self.rsa]).as_dict(private=False)

    def claims(self, path, **changes):
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": "ehr-client-1", "aud": self.service.base + path,
                  "exp": now + 300, "iat": now, "jti": str(uuid.uuid4())}
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, path, alg="ES384", header=None, **changes):
        key = self.ec if alg == "ES384" else self.rsa
        head = {"alg": alg, "typ": "JWT", "kid": key.kid, "jku": self.jwks_url}
        head.update(header or {})
        head = {k: v for k, v in head.items() if v is not None}
        return jwt.encode(head, self.claims(path, **changes), key, algorithms=[alg])

    def call(self, path, body, token):
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        request = urllib.request.Request(self.service.base + path, data=json.dumps(body).encode(),
                                         method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                body = json.loads(response.read())
                # Every service answer holds to CDS Hooks 2.0's models (feedback answers nothing to check).
                if response.status == 200 and not path.endswith("/feedback"):
                    cdsschema.check(body)
                return response.status, body, dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null"), dict(error.headers)
