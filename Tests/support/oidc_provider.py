"""A real OpenID Connect provider for the tests, on loopback.

Authlib's authorization server in a small Flask app: the authorization code flow with PKCE
(S256 only, and required), ID tokens signed RS256 with a key made at start, a password
form for sign-in, a provider session (single sign-on until /logout) and RP-initiated
logout. Everything lives in memory.

    provider = OIDCProvider(users={"alice": {"password": "pw", "sub": "sub-alice",
                                             "name": "Alice Andersen", "groups": ["team-north"]}})
    provider.start()
    provider.add_client("app", "app-secret", ["http://127.0.0.1:8080/callback"], ["http://127.0.0.1:8080/"])
    ... provider.issuer, provider.token_requests ...
    provider.stop()

A user's keys: password (required), sub (default: the user name), name (default: the user
name), preferred_username (default: the user name); every other key is copied into the ID
token as a claim of that name (groups, eligcheck_roles, email, ...).
"""
import base64
import hashlib
import hmac
import secrets
import threading
import time

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from authlib.oidc.rpinitiated import EndSessionEndpoint
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, jsonify, render_template_string, request, session
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

CODE_LIFETIME = 600  # seconds; RFC 6749 4.1.2 recommends at most ten minutes
SCOPES = ["openid", "profile", "email", "groups"]
STANDARD_CLAIMS = ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                   "name", "preferred_username"]
NOT_CLAIMS = {"password"}


class Client(ClientMixin):
    """A registered confidential client (client_secret_basic or client_secret_post)."""

    def __init__(self, client_id, secret, redirect_uris, post_logout_redirect_uris=()):
        self.client_id = client_id
        self.secret = secret
        self.redirect_uris = list(redirect_uris)
        # EndSessionEndpoint reads the registered logout targets from client_metadata.
        self.client_metadata = {"post_logout_redirect_uris": list(post_logout_redirect_uris)}

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        # OpenID Connect requires redirect_uri in every authentication request.
        return None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris  # exact match, as OpenID Connect asks

    def check_client_secret(self, client_secret):
        return hmac.compare_digest(client_secret.encode(), self.secret.encode())

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class AuthorizationCode(AuthorizationCodeMixin):
    def __init__(self, code, client_id, redirect_uri, scope, username, nonce, auth_time,
                 code_challenge, code_challenge_method):
        self.code = code
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self.scope = scope
        self.username = username
        self.nonce = nonce
        self.auth_time = auth_time
        self.code_challenge = code_challenge
        self.code_challenge_method = code_challenge_method
        self.issued_at = time.time()

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time


class TokenRequest(dict):
    """The form fields of one request to /token, with how the client authenticated:
    auth_method is client_secret_basic (an Authorization: Basic header), client_secret_post
    (client_secret in the form) or none."""

    def __init__(self, form, headers):
        super().__init__(form)
        self.headers = headers
        if headers.get("Authorization", "").startswith("Basic "):
            self.auth_method = "client_secret_basic"
        elif "client_secret" in form:
            self.auth_method = "client_secret_post"
        else:
            self.auth_method = "none"


class CodeGrant(AuthorizationCodeGrant):
    """Codes are kept in the provider's memory, bound to the client, and used once."""

    def save_authorization_code(self, code, req):
        provider = self.server.provider
        data = req.payload.data
        provider.codes[code] = AuthorizationCode(
            code, req.client.client_id, req.payload.redirect_uri, req.scope, req.user,
            data.get("nonce"), session.get("auth_time"), data.get("code_challenge"),
            data.get("code_challenge_method"))
        if data.get("nonce"):
            provider.nonces.add((req.client.client_id, data["nonce"]))

    def query_authorization_code(self, code, client):
        item = self.server.provider.codes.get(code)
        if item and item.client_id == client.client_id and time.time() - item.issued_at < CODE_LIFETIME:
            return item
        return None

    def delete_authorization_code(self, authorization_code):
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.username


class S256Challenge(CodeChallenge):
    """PKCE as the workspace uses it: every authorization request carries a code_challenge,
    and the method is S256 (plain is refused)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


class IDToken(OpenIDCode):
    """The ID token: RS256 with the provider's kid; iss, aud (the client id), the nonce
    and auth_time of the sign-in, and the user's claims."""

    def __init__(self, provider):
        super().__init__(require_nonce=False)
        self.provider = provider

    def exists_nonce(self, nonce, req):
        return (req.payload.client_id, nonce) in self.provider.nonces

    def resolve_client_private_key(self, client):
        return self.provider.key

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": self.provider.kid, "typ": "JWT"}

    def get_client_claims(self, client):
        return {"iss": self.provider.issuer, "aud": client.get_client_id()}

    def generate_user_info(self, username, scope):
        return UserInfo(self.provider.claims_of(username))

    def process_token(self, grant, response):
        token = super().process_token(grant, response)
        tamper = self.provider.take("id_token_tamper")
        if tamper and "id_token" in token:
            token["id_token"] = self.provider.retamper(token["id_token"], *tamper)
        return token


class EndSession(EndSessionEndpoint):
    def __init__(self, provider):
        super().__init__()
        self.provider = provider

    def get_server_jwks(self):
        return KeySet([self.provider.key])

    def get_algorithms(self):
        return ["RS256"]

    def is_post_logout_redirect_uri_legitimate(self, req, uri, client, logout_hint):
        # Asked only without an id_token_hint, once client_id has named a client that
        # registered exactly this target: enough for this provider (Authlib's default is no).
        return True

    def end_session(self, end_session_request):
        session.clear()


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in - test provider</title></head>
<body><main>
<h1>Sign in</h1>
{% if client_id %}<p>to continue to <b id="client">{{ client_id }}</b></p>{% endif %}
{% if error %}<p id="error" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="{{ action }}">
<p><label for="username">User name</label> <input id="username" name="username" value="{{ username }}" autocomplete="username" autofocus></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
<p><button id="sign-in" type="submit">Sign in</button></p>
</form>
</main></body></html>
"""

SIGNED_OUT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signed out - test provider</title></head>
<body><main><h1 id="signed-out">You are signed out</h1></main></body></html>
"""


class OIDCProvider:
    """An OpenID Connect provider on http://127.0.0.1:PORT, started in a thread.

    Records for tests: authorize_requests (query parameters of each /authorize),
    token_requests (TokenRequest: the form fields, .auth_method, .headers),
    logout_requests (parameters of each /logout). Error paths: fail_next_token(...)
    and tamper_next_id_token(...).
    """

    def __init__(self, users=None, clients=(), port=0):
        self.users = dict(users or {})
        self.clients = {}
        for client in clients:  # dicts of add_client's arguments, or tuples of them
            if isinstance(client, dict):
                self.add_client(**client)
            else:
                self.add_client(*client)
        self.port = port
        self.codes = {}
        self.nonces = set()
        self.tokens = {}
        self.authorize_requests = []
        self.token_requests = []
        self.logout_requests = []
        self._pending = {}
        self._lock = threading.Lock()
        self._server = None
        self._thread = None
        self.kid = "test-" + secrets.token_hex(4)
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key = RSAKey.import_key(private, {"kid": self.kid, "use": "sig", "alg": "RS256"})
        self.app = self._make_app()

    # --- the API for tests -------------------------------------------------------------

    @property
    def issuer(self):
        if self._server is None:
            raise RuntimeError("OIDCProvider.issuer: start() the provider first")
        return f"http://127.0.0.1:{self._server.server_port}"

    def add_client(self, client_id, secret, redirect_uris, post_logout_redirect_uris=()):
        self.clients[client_id] = Client(client_id, secret, redirect_uris, post_logout_redirect_uris)
        return self.clients[client_id]

    def start(self):
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="oidc-provider", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def fail_next_token(self, error="invalid_grant", description="Made to fail by the test.", status=400):
        """The next /token request gets this OAuth error (JSON body, as RFC 6749 5.2), after
        it is recorded; the code it carried stays unused."""
        with self._lock:
            self._pending["token_failure"] = (status, {"error": error, "error_description": description})

    def tamper_next_id_token(self, foreign_key=False, **claims):
        """The next ID token issued has these claims changed (a value of None removes the
        claim), e.g. aud="someone-else", nonce="wrong", exp=0, iss="http://elsewhere";
        with foreign_key=True it is signed by a key not in /jwks (same kid)."""
        with self._lock:
            self._pending["id_token_tamper"] = (claims, foreign_key)

    def jwks(self):
        return {"keys": [self.key.as_dict(private=False)]}

    # --- internals ---------------------------------------------------------------------

    def take(self, name):
        with self._lock:
            return self._pending.pop(name, None)

    def claims_of(self, username):
        user = self.users[username]
        claims = {"sub": user.get("sub", username), "name": user.get("name", username),
                  "preferred_username": user.get("preferred_username", username)}
        claims.update({k: v for k, v in user.items() if k not in NOT_CLAIMS and k not in claims})
        return claims

    def retamper(self, id_token, claims, foreign_key):
        decoded = jwt.decode(id_token, self.key, algorithms=["RS256"])
        payload = dict(decoded.claims)
        for name, value in claims.items():
            if value is None:
                payload.pop(name, None)
            else:
                payload[name] = value
        key = self.key
        if foreign_key:
            other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            key = RSAKey.import_key(other, {"kid": self.kid})
        return jwt.encode(decoded.header, payload, key, algorithms=["RS256"])

    def _check_password(self, username, password):
        user = self.users.get(username)
        return user is not None and hmac.compare_digest(str(user["password"]).encode(), password.encode())

    def _discovery(self):
        custom = sorted({k for user in self.users.values() for k in user} - NOT_CLAIMS - set(STANDARD_CLAIMS))
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "end_session_endpoint": self.issuer + "/logout",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": SCOPES,
            "claims_supported": STANDARD_CLAIMS + custom,
        }

    def _make_app(self):
        app = Flask("oidc_provider")
        app.config.update(SECRET_KEY=secrets.token_hex(32),
                          # Cookies are per host, not per port: keep clear of the client's names.
                          SESSION_COOKIE_NAME="oidc_provider_session",
                          OAUTH2_SCOPES_SUPPORTED=SCOPES)
        server = AuthorizationServer(app, query_client=self.clients.get, save_token=self._save_token)
        server.provider = self
        server.register_grant(CodeGrant, [IDToken(self), S256Challenge(required=True)])
        server.register_endpoint(EndSession(self))

        def login_page(grant, error=None, username=""):
            html = render_template_string(LOGIN_PAGE, action=request.full_path, error=error, username=username,
                                          client_id=grant.client.client_id)
            return html, 200, {"Cache-Control": "no-store"}

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(self._discovery())

        @app.get("/jwks")
        def jwks():
            return jsonify(self.jwks())

        @app.route("/authorize", methods=["GET", "POST"])
        def authorize():
            if request.method == "GET":
                self.authorize_requests.append(request.args.to_dict())
            signed_in = session.get("user") if session.get("user") in self.users else None
            try:
                grant = server.get_consent_grant(end_user=signed_in)
            except OAuth2Error as error:
                return server.handle_error_response(None, error)
            if request.method == "GET":
                if signed_in and grant.prompt != "login":
                    return server.create_authorization_response(grant=grant, grant_user=signed_in)
                return login_page(grant)
            username = request.form.get("username", "")
            if not self._check_password(username, request.form.get("password", "")):
                return login_page(grant, error="Unknown user name or wrong password.", username=username)
            session.clear()
            session.update(user=username, auth_time=int(time.time()))
            return server.create_authorization_response(grant=grant, grant_user=username)

        @app.post("/token")
        def token():
            self.token_requests.append(TokenRequest(request.form.to_dict(), dict(request.headers)))
            failure = self.take("token_failure")
            if failure:
                status, body = failure
                return jsonify(body), status, {"Cache-Control": "no-store"}
            return server.create_token_response()

        @app.route("/logout", methods=["GET", "POST"])
        def logout():
            self.logout_requests.append(request.values.to_dict())
            try:
                req = server.validate_endpoint_request("end_session")
            except OAuth2Error as error:  # e.g. an id_token_hint this provider did not sign
                return server.handle_error_response(None, error)
            return server.create_endpoint_response("end_session", req) or SIGNED_OUT_PAGE

        return app

    def _save_token(self, token, req):
        self.tokens[token["access_token"]] = (req.client.client_id, req.user, token)


def pkce_pair():
    """A code_verifier and its S256 code_challenge (RFC 7636 4.1, 4.2), for tests."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()
    return verifier, challenge
