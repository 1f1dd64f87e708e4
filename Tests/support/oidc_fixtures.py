"""pytest fixture for the OpenID Connect test provider (oidc_provider.py). Import it into a
test module (with Tests/support on sys.path):

    from oidc_fixtures import oidc_provider  # noqa: F401

    def test_x(oidc_provider):
        provider = oidc_provider(users={...}, clients=[("app", "secret", [redirect], [after_logout])])
"""
import pytest

from oidc_provider import OIDCProvider


@pytest.fixture
def oidc_provider():
    """A factory: oidc_provider(users, clients=()) starts a provider on loopback; every
    provider it started is stopped after the test."""
    started = []

    def start(users, clients=()):
        provider = OIDCProvider(users=users, clients=clients).start()
        started.append(provider)
        return provider

    yield start
    for provider in started:
        provider.stop()
