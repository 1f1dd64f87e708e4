"""Checks answers of `eligcheck serve` against CDS Hooks 2.0's models
(Tests/cdshooks/schema/cds-hooks-2.0.schema.json): every service answer the test client
receives, and the discovery document."""
import json
import os

from jsonschema import Draft202012Validator

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "..", "cdshooks", "schema", "cds-hooks-2.0.schema.json")

with open(SCHEMA_PATH, encoding="utf-8") as f:
    _SCHEMA = json.load(f)


def _validator(definition):
    schema = dict(_SCHEMA)
    schema["$ref"] = f"#/$defs/{definition}"
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


_RESPONSE = _validator("response")
_DISCOVERY = _validator("discovery")


def problems(body, kind="response"):
    """Every way `body` breaks the model, as 'path: message' lines (empty when it holds)."""
    validator = _RESPONSE if kind == "response" else _DISCOVERY
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
            for e in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))]


def check(body, kind="response"):
    found = problems(body, kind)
    assert not found, f"the {kind} breaks CDS Hooks 2.0:\n" + "\n".join(found)
