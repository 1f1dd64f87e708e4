"""Every FHIR resource in the CDS Hooks fixtures, and every Task a golden card suggests,
is valid FHIR (fhir.resources, R4B models): the mapping is tested on resources a real
record system would accept."""
import json
import pathlib
import unittest

from fhir.resources.R4B import get_fhir_model_class

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "EligibilityServerTests" / "Fixtures" / "fhir"


def validate(resource, where):
    """Validates one resource, and each resource of a Bundle by its own model."""
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)
    for index, entry in enumerate(resource.get("entry", [])):
        if "resource" in entry:
            validate(entry["resource"], f"{where}.entry[{index}].resource")
    return 1 + sum(1 for entry in resource.get("entry", []) if "resource" in entry)


class FixtureTests(unittest.TestCase):
    def test_requests_hold_valid_resources(self):
        requests = sorted(p for p in FIXTURES.glob("*.json") if not p.name.endswith(".cards.json"))
        self.assertGreaterEqual(len(requests), 4)
        for path in requests:
            with self.subTest(fixture=path.name):
                call = json.loads(path.read_text())
                count = 0
                for key, resource in call.get("prefetch", {}).items():
                    count += validate(resource, f"prefetch.{key}")
                if "draftOrders" in call["context"]:
                    count += validate(call["context"]["draftOrders"], "context.draftOrders")
                self.assertGreater(count, 3)

    def test_suggested_tasks_are_valid(self):
        goldens = sorted(FIXTURES.glob("*.cards.json"))
        self.assertGreaterEqual(len(goldens), 4)
        tasks = 0
        for path in goldens:
            for card in json.loads(path.read_text())["cards"]:
                for suggestion in card.get("suggestions", []):
                    for action in suggestion["actions"]:
                        validate(action["resource"], path.name)
                        tasks += 1
        self.assertGreater(tasks, 0)

    def test_a_broken_resource_is_refused(self):
        # The validator must be able to fail: a birth date that is no date.
        call = json.loads((FIXTURES / "dk-order-select.json").read_text())
        call["prefetch"]["patient"]["birthDate"] = "14-03-1997"
        with self.assertRaises(Exception):
            validate(call["prefetch"]["patient"], "prefetch.patient")


if __name__ == "__main__":
    unittest.main()
