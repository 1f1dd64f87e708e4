"""The CDS Hooks 2.0 response model the client tests check every answer against catches
what it should (a check that passes everything would prove nothing)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import cdsschema  # noqa: E402

CARD = {"uuid": "6f1b1c5e-4a43-4d0b-9a53-1c2a3b4c5d6e", "summary": "Regional psychiatry: can be referred now",
        "indicator": "info", "source": {"label": "eligcheck rules 1"},
        "suggestions": [{"label": "Plan the next step", "actions": [
            {"type": "create", "description": "A draft task", "resource": {"resourceType": "Task"}}]}],
        "selectionBehavior": "any",
        "overrideReasons": [{"code": "patient-declines", "system": "urn:eligcheck:override", "display": "Patient declines"}]}


def with_card(**changes):
    card = dict(CARD)
    for key, value in changes.items():
        if value is None:
            card.pop(key, None)
        else:
            card[key] = value
    return {"cards": [card]}


def test_a_card_as_the_service_makes_it_holds():
    assert cdsschema.problems({"cards": [CARD]}) == []
    assert cdsschema.problems({"cards": []}) == []


def test_what_breaks_the_model_is_named_at_its_path():
    assert cdsschema.problems({}) == ["(root): 'cards' is a required property"]
    assert cdsschema.problems(with_card(indicator="urgent")) == [
        "cards/0/indicator: 'urgent' is not one of ['info', 'warning', 'critical']"]
    assert cdsschema.problems(with_card(summary="x" * 140)) == [
        f"cards/0/summary: '{'x' * 140}' is too long"]
    assert cdsschema.problems(with_card(selectionBehavior=None)) == ["cards/0: 'selectionBehavior' is a required property"]
    assert cdsschema.problems(with_card(source={})) == ["cards/0/source: 'label' is a required property"]
    assert cdsschema.problems(with_card(uuid="card-1")) == ["cards/0/uuid: 'card-1' is not a 'uuid'"]
    broken_action = {"label": "x", "actions": [{"type": "create", "description": "no resource"}]}
    assert cdsschema.problems(with_card(suggestions=[broken_action])) == [
        "cards/0/suggestions/0/actions/0: 'resource' is a required property"]
    assert cdsschema.problems(with_card(overrideReasons=[{"code": "x", "system": "y"}])) == [
        "cards/0/overrideReasons/0: 'display' is a required property"]
    assert cdsschema.problems({"services": [{"hook": "patient-view", "id": "a b"}]}, "discovery") == [
        "services/0: 'description' is a required property", "services/0/id: 'a b' does not match '^[A-Za-z0-9._~-]+$'"]
