"""One entity: the patient. eligcheck has no households; every fact is the person's."""
from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="Patient",
    doc="A patient of the cohort, one line of the JSON Lines file.",
    is_person=True,
)

entities = [Person]
