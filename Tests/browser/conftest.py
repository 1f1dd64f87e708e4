"""Starts the real `eligcheck serve` binary for the browser and durability tests."""
import os
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from eligserver import BINARY, REPO, SCREENSHOTS, Server, free_port  # noqa: E402,F401


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="eligcheck-workspace-") as folder:
        yield folder


@pytest.fixture
def server(workdir):
    srv = Server(os.path.join(workdir, "data", "cases.sqlite"), os.path.join(workdir, "server.log")).start()
    yield srv
    srv.stop()
