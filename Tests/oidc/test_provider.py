"""The test OpenID Connect provider (Tests/support/oidc_provider.py) is a real one: driven
here over HTTP with plain requests, as a relying party would, it publishes its discovery
document and keys, signs users in through its form, hands out a code bound to the PKCE
challenge, the client and the redirect URI, exchanges it once for an ID token that
verifies against its JWK Set, and refuses what RFC 6749, RFC 7636 and OpenID Connect
Core say it must refuse."""
import html
import os
import re
import secrets
import sys
import time
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet, RSAKey

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from oidc_fixtures import oidc_provider  # noqa: E402,F401
from oidc_provider import pkce_pair  # noqa: E402

CLIENT_ID = "eligcheck-workspace"
SECRET = "workspace-secret"
REDIRECT = "http://127.0.0.1:9/signin/callback"  # never followed: the tests read the Location
AFTER_LOGOUT = "http://127.0.0.1:9/"
USERS = {
    "alice": {"password": "alice-pw", "sub": "sub-alice", "name": "Alice Andersen",
              "groups": ["team-north"], "eligcheck_roles": ["case_manager"]},
    "bob": {"password": "bob-pw", "sub": "sub-bob", "name": "Bob Berg", "groups": [], "eligcheck_roles": ["reader"]},
}


@pytest.fixture
def provider(oidc_provider):  # noqa: F811
    return oidc_provider(USERS, clients=[(CLIENT_ID, SECRET, [REDIRECT], [AFTER_LOGOUT])])


class Attempt:
    """One authentication request: its PKCE pair, state and nonce."""

    def __init__(self, provider, **overrides):
        self.verifier, challenge = pkce_pair()
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
                  "scope": "openid profile", "state": self.state, "nonce": self.nonce,
                  "code_challenge": challenge, "code_challenge_method": "S256"}
        params.update(overrides)
        self.url = provider.issuer + "/authorize?" + urlencode({k: v for k, v in params.items() if v is not None})


def form_action(page):
    return html.unescape(re.search(r'<form method="post" action="([^"]*)"', page.text).group(1))


def is_login_form(page):
    return page.status_code == 200 and all(f'id="{i}"' in page.text for i in ("username", "password", "sign-in"))


def post_login(browser, provider, page, user, password):
    return browser.post(urljoin(provider.issuer, form_action(page)),
                        data={"username": user, "password": password}, allow_redirects=False)


def sign_in(browser, provider, attempt, user="alice"):
    """The form, then the password: the redirect back to the client."""
    page = browser.get(attempt.url, allow_redirects=False)
    assert is_login_form(page), page.text
    return post_login(browser, provider, page, user, USERS[user]["password"])


def callback(response):
    """The query of a 302 to the client's redirect_uri."""
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def exchange(provider, code, verifier, auth="basic", secret=SECRET, redirect_uri=REDIRECT):
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier is not None:
        form["code_verifier"] = verifier
    if auth == "basic":
        return requests.post(provider.issuer + "/token", data=form, auth=(CLIENT_ID, secret))
    return requests.post(provider.issuer + "/token", data=dict(form, client_id=CLIENT_ID, client_secret=secret))


def verified_claims(provider, id_token):
    """The ID token checked as a client would: signature by the key of /jwks named by the
    header's kid, RS256 only, then iss, aud and the times."""
    discovery = requests.get(provider.issuer + "/.well-known/openid-configuration").json()
    keys = KeySet.import_key_set(requests.get(discovery["jwks_uri"]).json())
    token = jwt.decode(id_token, keys, algorithms=["RS256"])
    assert token.header["alg"] == "RS256"
    assert token.header["kid"] in [k.kid for k in keys]
    jwt.JWTClaimsRegistry(iss={"essential": True, "value": provider.issuer},
                          aud={"essential": True, "value": CLIENT_ID},
                          sub={"essential": True}, exp={"essential": True},
                          iat={"essential": True}).validate(token.claims)
    return token.claims


def test_discovery_names_the_endpoints_and_what_the_provider_supports(provider):
    response = requests.get(provider.issuer + "/.well-known/openid-configuration")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    doc = response.json()
    assert doc["issuer"] == provider.issuer and re.fullmatch(r"http://127\.0\.0\.1:\d+", provider.issuer)
    for name, path in [("authorization_endpoint", "/authorize"), ("token_endpoint", "/token"),
                       ("jwks_uri", "/jwks"), ("end_session_endpoint", "/logout")]:
        assert doc[name] == provider.issuer + path
    assert doc["response_types_supported"] == ["code"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]
    assert "openid" in doc["scopes_supported"]
    assert {"iss", "sub", "aud", "exp", "iat", "nonce", "name", "preferred_username",
            "groups", "eligcheck_roles"} <= set(doc["claims_supported"])
    jwks = requests.get(doc["jwks_uri"]).json()
    [key] = jwks["keys"]
    assert key["kty"] == "RSA" and key["kid"] and key["use"] == "sig" and key["alg"] == "RS256"
    assert "d" not in key and "p" not in key  # the public half only


def test_the_code_flow_with_pkce_gives_an_id_token_that_verifies_against_the_jwks(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    page = browser.get(attempt.url, allow_redirects=False)
    assert is_login_form(page)
    assert page.headers["Cache-Control"] == "no-store"
    query = callback(post_login(browser, provider, page, "alice", "alice-pw"))
    assert query["state"] == attempt.state and set(query) == {"code", "state"}
    assert provider.authorize_requests[0]["code_challenge_method"] == "S256"

    response = exchange(provider, query["code"], attempt.verifier)
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer" and body["access_token"] and body["expires_in"] > 0
    assert body["scope"] == "openid profile"
    claims = verified_claims(provider, body["id_token"])
    assert claims["sub"] == "sub-alice"
    assert claims["aud"] == CLIENT_ID
    assert claims["nonce"] == attempt.nonce
    assert claims["name"] == "Alice Andersen" and claims["preferred_username"] == "alice"
    assert claims["groups"] == ["team-north"] and claims["eligcheck_roles"] == ["case_manager"]
    assert claims["iat"] <= time.time() + 1 < claims["exp"]
    assert "password" not in claims

    [recorded] = provider.token_requests
    assert recorded["code_verifier"] == attempt.verifier and recorded["grant_type"] == "authorization_code"
    assert recorded.auth_method == "client_secret_basic" and "client_secret" not in recorded


def test_client_secret_post_works_too_and_a_wrong_secret_or_client_is_invalid_client(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    code = callback(sign_in(browser, provider, attempt))["code"]
    for auth in ("basic", "post"):
        refused = exchange(provider, code, attempt.verifier, auth=auth, secret="not-the-secret")
        assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    unknown = requests.post(provider.issuer + "/token", auth=("someone-else", SECRET),
                            data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                  "code_verifier": attempt.verifier})
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_client"
    # The refusals did not use the code up.
    response = exchange(provider, code, attempt.verifier, auth="post")
    assert response.status_code == 200, response.text
    assert verified_claims(provider, response.json()["id_token"])["nonce"] == attempt.nonce
    assert provider.token_requests[-1].auth_method == "client_secret_post"
    assert provider.token_requests[-1]["client_secret"] == SECRET


def test_a_wrong_or_missing_code_verifier_is_invalid_grant_or_invalid_request(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    code = callback(sign_in(browser, provider, attempt))["code"]
    wrong = exchange(provider, code, pkce_pair()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    missing = exchange(provider, code, None)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_an_authorization_request_without_an_s256_challenge_is_refused_back_to_the_client(provider):
    browser = requests.Session()
    for overrides, says in (({"code_challenge": None, "code_challenge_method": None}, "Missing 'code_challenge'"),
                            ({"code_challenge": None}, "Missing 'code_challenge'"),
                            ({"code_challenge_method": None}, "'code_challenge_method' must be S256"),
                            ({"code_challenge_method": "plain"}, "'code_challenge_method' must be S256"),
                            ({"code_challenge": "too-short"}, "Invalid 'code_challenge'")):
        attempt = Attempt(provider, **overrides)
        query = callback(browser.get(attempt.url, allow_redirects=False))
        assert query["error"] == "invalid_request" and query["state"] == attempt.state
        assert query["error_description"].startswith(says)
        assert "code" not in query
    # Signed in already: still no code without the challenge.
    sign_in(browser, provider, Attempt(provider))
    query = callback(browser.get(Attempt(provider, code_challenge=None, code_challenge_method=None).url,
                                 allow_redirects=False))
    assert query["error"] == "invalid_request" and "code" not in query


def test_a_code_works_once(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    code = callback(sign_in(browser, provider, attempt))["code"]
    assert exchange(provider, code, attempt.verifier).status_code == 200
    again = exchange(provider, code, attempt.verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_the_redirect_uri_must_be_registered_and_the_same_at_the_token_endpoint(provider):
    browser = requests.Session()
    for uri in ("http://127.0.0.1:9/elsewhere", REDIRECT + "/", "https://attacker.example/signin/callback", None):
        response = browser.get(Attempt(provider, redirect_uri=uri).url, allow_redirects=False)
        # No redirect to an unverified URI, and no form either.
        assert response.status_code == 400 and "Location" not in response.headers
        assert response.json()["error"] == "invalid_request"
        assert not is_login_form(response)
    unknown_client = browser.get(Attempt(provider, client_id="nobody").url, allow_redirects=False)
    assert unknown_client.status_code == 400 and unknown_client.json()["error"] == "invalid_client"

    provider.add_client("other", "other-secret", ["http://127.0.0.1:9/other"])
    attempt = Attempt(provider)
    code = callback(sign_in(browser, provider, attempt))["code"]
    swapped = exchange(provider, code, attempt.verifier, redirect_uri="http://127.0.0.1:9/other")
    assert swapped.status_code == 400 and swapped.json()["error"] == "invalid_grant"
    other_client = requests.post(provider.issuer + "/token", auth=("other", "other-secret"),
                                 data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                       "code_verifier": attempt.verifier})
    assert other_client.status_code == 400 and other_client.json()["error"] == "invalid_grant"


def test_a_wrong_password_or_unknown_user_shows_the_form_again_with_an_error(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    page = browser.get(attempt.url, allow_redirects=False)
    for user, password in (("alice", "bob-pw"), ("mallory", "alice-pw"), ("alice", "")):
        page = post_login(browser, provider, page, user, password)
        assert is_login_form(page) and "Location" not in page.headers
        assert re.search(r'id="error" role="alert">Unknown user name or wrong password\.<', page.text)
    query = callback(post_login(browser, provider, page, "bob", "bob-pw"))
    assert query["state"] == attempt.state
    claims = verified_claims(provider, exchange(provider, query["code"], attempt.verifier).json()["id_token"])
    assert claims["sub"] == "sub-bob" and claims["eligcheck_roles"] == ["reader"] and claims["groups"] == []


def test_the_provider_session_signs_in_again_without_the_form_until_logout(provider):
    browser = requests.Session()
    first = Attempt(provider)
    code = callback(sign_in(browser, provider, first))["code"]
    id_token = exchange(provider, code, first.verifier).json()["id_token"]
    auth_time = verified_claims(provider, id_token)["auth_time"]

    time.sleep(1.1)  # auth_time is in whole seconds: the second ID token still names the sign-in's
    second = Attempt(provider)
    query = callback(browser.get(second.url, allow_redirects=False))
    claims = verified_claims(provider, exchange(provider, query["code"], second.verifier).json()["id_token"])
    assert claims["sub"] == "sub-alice" and claims["nonce"] == second.nonce and claims["auth_time"] == auth_time
    # prompt=login asks for the password again; a nonce already used is a replay.
    assert is_login_form(browser.get(Attempt(provider, prompt="login").url, allow_redirects=False))
    replay = callback(browser.get(Attempt(provider, nonce=first.nonce).url, allow_redirects=False))
    assert replay["error"] == "invalid_request" and "code" not in replay

    # Logout to a target the client did not register: signed out, but no redirect.
    response = browser.get(provider.issuer + "/logout", allow_redirects=False,
                           params={"id_token_hint": id_token, "post_logout_redirect_uri": "http://127.0.0.1:9/x"})
    assert response.status_code == 200 and 'id="signed-out"' in response.text
    assert is_login_form(browser.get(Attempt(provider).url, allow_redirects=False))

    sign_in(browser, provider, Attempt(provider))
    response = browser.get(provider.issuer + "/logout", allow_redirects=False,
                           params={"id_token_hint": id_token, "post_logout_redirect_uri": AFTER_LOGOUT, "state": "s1"})
    assert response.status_code == 302 and response.headers["Location"] == AFTER_LOGOUT + "?state=s1"
    assert is_login_form(browser.get(Attempt(provider).url, allow_redirects=False))
    assert provider.logout_requests[-1]["post_logout_redirect_uri"] == AFTER_LOGOUT

    # client_id in place of id_token_hint is accepted too; prompt=none without a session is login_required.
    sign_in(browser, provider, Attempt(provider))
    response = browser.get(provider.issuer + "/logout", allow_redirects=False,
                           params={"client_id": CLIENT_ID, "post_logout_redirect_uri": AFTER_LOGOUT})
    assert response.status_code == 302 and response.headers["Location"] == AFTER_LOGOUT
    assert callback(browser.get(Attempt(provider, prompt="none").url, allow_redirects=False))["error"] == "login_required"
    # An id_token_hint this provider did not sign is refused, with no redirect.
    forged = jwt.encode({"alg": "RS256", "kid": "x"}, {"iss": provider.issuer, "aud": CLIENT_ID},
                        RSAKey.generate_key(2048), ["RS256"])
    response = browser.get(provider.issuer + "/logout", allow_redirects=False,
                           params={"id_token_hint": forged, "post_logout_redirect_uri": AFTER_LOGOUT})
    assert response.status_code == 400 and "Location" not in response.headers


def test_the_next_token_response_can_be_made_to_fail_or_carry_a_bad_id_token(provider):
    browser = requests.Session()
    attempt = Attempt(provider)
    code = callback(sign_in(browser, provider, attempt))["code"]
    provider.fail_next_token("temporarily_unavailable", "Down for the test.", status=503)
    failed = exchange(provider, code, attempt.verifier)
    assert failed.status_code == 503
    assert failed.json() == {"error": "temporarily_unavailable", "error_description": "Down for the test."}
    assert provider.token_requests[-1]["code_verifier"] == attempt.verifier

    provider.tamper_next_id_token(aud="someone-else", nonce=None)
    body = exchange(provider, code, attempt.verifier).json()  # the code was not used up by the failure
    keys = KeySet.import_key_set(provider.jwks())
    token = jwt.decode(body["id_token"], keys, algorithms=["RS256"])
    assert token.claims["aud"] == "someone-else" and "nonce" not in token.claims

    attempt = Attempt(provider)
    code = callback(browser.get(attempt.url, allow_redirects=False))["code"]
    provider.tamper_next_id_token(foreign_key=True)
    body = exchange(provider, code, attempt.verifier).json()
    with pytest.raises(BadSignatureError):
        jwt.decode(body["id_token"], keys, algorithms=["RS256"])
