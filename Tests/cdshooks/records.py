"""The fake FHIR server's records. The shapes are HL7's FHIR R4 example resources
(hl7.org/fhir/R4: patient-example "example", condition-example "example" (burn of ear),
condition-example2 "example2" (asthma), condition-example-f201-fever "f201"), moved to a
Norwegian patient with a fødselsnummer, a regular GP and a moderate depressive episode
coded in the Norwegian ICD-10; the spec's patient is the one of CDS Hooks 2.0's example
request (patientToGreet)."""
import copy

CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
SNOMED = "http://snomed.info/sct"


def status(system, code):
    return {"coding": [{"system": system, "code": code}]}


def patient(id):
    """patient-example "example", in Norway."""
    return {
        "resourceType": "Patient", "id": id,
        "identifier": [{"use": "official", "system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "15088512313"}],
        "active": True,
        "name": [{"use": "official", "family": "Berg", "given": ["Per", "Jakob"]}, {"use": "usual", "given": ["Per"]}],
        "telecom": [{"use": "home"}, {"system": "phone", "value": "+47 22 33 44 55", "use": "mobile", "rank": 1}],
        "gender": "male",
        "birthDate": "1985-08-15",
        "_birthDate": {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
                                      "valueDateTime": "1985-08-15T14:35:45+02:00"}]},
        "deceasedBoolean": False,
        "address": [{"use": "home", "type": "both", "line": ["Storgata 12"], "city": "Tromsø", "postalCode": "9008",
                     "country": "NO", "period": {"start": "2010-06-01"}}],
        "generalPractitioner": [{"reference": "Practitioner/no-gp-7", "display": "Fastlege Kari Nilsen"}],
        "managingOrganization": {"reference": "Organization/no-org-1", "display": "Legesenteret Storgata"},
    }


def burn_of_ear(id, subject):
    """condition-example "example": coded in SNOMED CT outside this service's list."""
    return {
        "resourceType": "Condition", "id": id,
        "clinicalStatus": status(CLINICAL, "active"), "verificationStatus": status(VERIFICATION, "confirmed"),
        "category": [{"coding": [{"system": CATEGORY, "code": "encounter-diagnosis", "display": "Encounter Diagnosis"},
                                 {"system": SNOMED, "code": "439401001", "display": "Diagnosis"}]}],
        "severity": {"coding": [{"system": SNOMED, "code": "24484000", "display": "Severe"}]},
        "code": {"coding": [{"system": SNOMED, "code": "39065001", "display": "Burn of ear"}], "text": "Burnt Ear"},
        "bodySite": [{"coding": [{"system": SNOMED, "code": "49521004", "display": "Left external ear structure"}],
                      "text": "Left Ear"}],
        "subject": {"reference": subject}, "onsetDateTime": "2012-05-24",
    }


def asthma(id, subject):
    """condition-example2 "example2": a text, no code."""
    return {
        "resourceType": "Condition", "id": id,
        "clinicalStatus": status(CLINICAL, "active"), "verificationStatus": status(VERIFICATION, "confirmed"),
        "category": [{"coding": [{"system": CATEGORY, "code": "problem-list-item", "display": "Problem List Item"}]}],
        "severity": {"coding": [{"system": SNOMED, "code": "255604002", "display": "Mild"}]},
        "code": {"text": "Asthma"}, "subject": {"reference": subject}, "onsetString": "approximately November 2012",
    }


def fever(id, subject):
    """condition-example-f201-fever "f201": resolved, so the search leaves it out."""
    return {
        "resourceType": "Condition", "id": id,
        "clinicalStatus": status(CLINICAL, "resolved"), "verificationStatus": status(VERIFICATION, "confirmed"),
        "category": [{"coding": [{"system": SNOMED, "code": "55607006", "display": "Problem"},
                                 {"system": CATEGORY, "code": "problem-list-item"}]}],
        "severity": {"coding": [{"system": SNOMED, "code": "255604002", "display": "Mild"}]},
        "code": {"coding": [{"system": SNOMED, "code": "386661006", "display": "Fever"}]},
        "subject": {"reference": subject}, "onsetDateTime": "2013-04-02", "abatementString": "around April 9, 2013",
        "recordedDate": "2013-04-04",
    }


def depression(id, subject):
    """A moderate depressive episode in the Norwegian ICD-10, shaped as the examples above."""
    return {
        "resourceType": "Condition", "id": id,
        "clinicalStatus": status(CLINICAL, "active"), "verificationStatus": status(VERIFICATION, "confirmed"),
        "category": [{"coding": [{"system": CATEGORY, "code": "encounter-diagnosis", "display": "Encounter Diagnosis"}]}],
        "severity": {"coding": [{"system": SNOMED, "code": "6736007", "display": "Moderate"}]},
        "code": {"coding": [{"system": "urn:oid:2.16.578.1.12.4.1.1.7110", "code": "F32.1",
                             "display": "Moderat depressiv episode"}]},
        "subject": {"reference": subject}, "onsetDateTime": "2026-09-01", "recordedDate": "2026-09-03",
    }


def sharing_consent(id, subject):
    """A signed consent to share between health and social services (coordination of care)."""
    return {
        "resourceType": "Consent", "id": id, "status": "active",
        "scope": status("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": {"reference": subject}, "dateTime": "2026-09-03T10:00:00+02:00",
        "sourceAttachment": {"contentType": "application/pdf", "title": "Samtykke til samarbeid"},
        "policyRule": status("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
        "provision": {"type": "permit", "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                                     "code": "COC", "display": "coordination of care"}]},
    }


def norwegian(id):
    """Patient `id`: their conditions come in two pages of two (the fever is resolved)."""
    subject = "Patient/" + id
    return [patient(id), burn_of_ear(id + "-c1", subject), asthma(id + "-c2", subject), fever(id + "-c3", subject),
            depression(id + "-c4", subject), sharing_consent(id + "-k1", subject)]


def many_conditions(id, count):
    """Patient `id` with `count` active conditions, the depression last."""
    subject = "Patient/" + id
    return [patient(id)] + [burn_of_ear(f"{id}-c{n}", subject) for n in range(1, count)] + \
        [depression(f"{id}-c{count}", subject)]


# CDS Hooks 2.0, "Calling a CDS Service", Example: the prefetched patientToGreet
# (cds-hooks/docs, docs/specification/current.md; cds-hooks.hl7.org/2.0/#example).
SPEC_PATIENT = {"resourceType": "Patient", "gender": "male", "birthDate": "1925-12-23", "id": "1288992", "active": True}


def searchset(resources, kind):
    """The resources of `kind` as one searchset Bundle: a full prefetch."""
    return {"resourceType": "Bundle", "type": "searchset",
            "entry": [{"resource": copy.deepcopy(r)} for r in resources if r["resourceType"] == kind]}
