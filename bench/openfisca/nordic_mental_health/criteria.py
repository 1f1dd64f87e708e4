"""Formula variables: whether a service's criteria hold on the facts given.

Each formula mirrors one service's `criteria` in rules/ (file and lines in its comment)
as a vectorised numpy expression over all patients at once. A criterion on an unknown
fact does not hold, and `not` holds only when the fact is known to be otherwise, so
True means "eligible on these facts" and False covers eligible-not-shown (eligcheck's
needs_info, reachable, blocked, deadlocked as well as ineligible). Where a rule
`requires` another service, the formula asks for that service's variable.
"""
import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from nordic_mental_health.entities import Person
from nordic_mental_health.inputs import (
    EmploymentStatus as Work, Functioning, Jurisdiction, Severity, SupportNeed,
)


class DiagnosisGroup(Enum):
    unknown = "no ICD-10 code given"
    organic = "F00-F09"
    substance = "F10-F19"
    psychotic = "F20-F29"
    bipolar = "F30-F31"
    depression = "F32-F33, F34.1, F38-F39"
    anxiety = "F40-F42"
    stress = "F43"
    eating = "F50"
    personality = "F60-F69"
    neurodevelopmental = "F80-F98"
    other_mental = "other F codes"
    not_mental = "outside chapter F"


def one_of(values, *members):
    """`in: [...]` on an enum fact (unknown is never a member)."""
    return np.logical_or.reduce([values == m for m in members])


# --- derived facts (rules/common/facts.yaml) --------------------------------------

class diagnosis_group(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = DiagnosisGroup
    default_value = DiagnosisGroup.unknown
    label = "Diagnosis group from the ICD-10 code"

    def formula(person, period):
        # rules/common/facts.yaml:58-76, the cases in order, then `otherwise`
        cat = person("diagnosis_icd10_category", period)
        sub = person("diagnosis_icd10_subcode", period)
        known = person("diagnosis_known", period)
        G = DiagnosisGroup
        return np.select(
            [~known, cat < 0, cat <= 9, cat <= 19, cat <= 29, cat <= 31,
             (cat <= 33) | ((cat == 34) & (sub == 1)) | (cat == 38) | (cat == 39),
             (cat >= 40) & (cat <= 42), cat == 43, cat == 50,
             (cat >= 60) & (cat <= 69), (cat >= 80) & (cat <= 98)],
            [G.unknown.index, G.not_mental.index, G.organic.index, G.substance.index,
             G.psychotic.index, G.bipolar.index, G.depression.index, G.anxiety.index,
             G.stress.index, G.eating.index, G.personality.index,
             G.neurodevelopmental.index],
            G.other_mental.index)


class diagnosis_mental(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "A mental illness is diagnosed: `not: {fact: diagnosis.group, equals: not_mental}`"

    def formula(person, period):
        group = person("diagnosis_group", period)
        return (group != DiagnosisGroup.unknown) & (group != DiagnosisGroup.not_mental)


class employment_sick_leave_days(Variable):
    entity = Person
    definition_period = YEAR
    value_type = int
    label = "Days on sick leave up to the evaluation date"

    def formula(person, period):
        # rules/common/facts.yaml:77-82 (days_since: employment.sick_leave_start)
        days = person("as_of", period) - person("employment_sick_leave_start", period)
        return days.astype(np.int32)


def sick_days(person, period):
    """The derived day count and whether it is known."""
    return (person("employment_sick_leave_days", period),
            person("employment_sick_leave_start_known", period))


# --- Denmark ----------------------------------------------------------------------

class dk_psychologist_free_18_24(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Free psychologist treatment for 18-24-year-olds (criteria only; its referral not asked)"

    def formula(person, period, parameters):
        # rules/dk/psychologist.yaml:151-165
        p = parameters(period).dk.psychologist
        age = person("age", period)
        group = person("diagnosis_group", period)
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & person("age_known", period) & (age >= p.free_age_min) & (age <= p.free_age_max)
                & one_of(group, DiagnosisGroup.depression, DiagnosisGroup.anxiety)
                & one_of(person("diagnosis_severity", period), Severity.mild, Severity.moderate))


class dk_gp_talk_therapy(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Talk therapy with the GP"

    def formula(person, period):
        # rules/dk/gp.yaml:34-53
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & person("gp_listed", period)
                & one_of(person("diagnosis_group", period), DiagnosisGroup.depression, DiagnosisGroup.anxiety)
                & one_of(person("diagnosis_severity", period), Severity.mild, Severity.moderate)
                & person("risk_acute_known", period) & ~person("risk_acute", period))


class dk_care_manager_course(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Care-manager course in the GP's practice"

    def formula(person, period):
        # rules/dk/care_manager.yaml:51-83; icd10: [F32-F33, F40.1, F41.0, F41.1] at line 55
        cat = person("diagnosis_icd10_category", period)
        sub = person("diagnosis_icd10_subcode", period)
        code_fits = ((cat == 32) | (cat == 33) | ((cat == 40) & (sub == 1))
                     | ((cat == 41) & ((sub == 0) | (sub == 1))))
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & person("diagnosis_known", period) & code_fits
                & one_of(person("diagnosis_severity", period), Severity.mild, Severity.moderate)
                & person("risk_acute_known", period) & ~person("risk_acute", period)
                & person("gp_listed", period)
                & person("gp_in_care_manager_project", period)
                & person("appointments_shared_consultation_booked", period))


class dk_social_par82(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Time-limited social support, § 82 b"

    def formula(person, period):
        # rules/dk/social.yaml:92-114
        need = person("social_support_need", period)
        offered = (~person("social_municipality_offers_82b_known", period)
                   | person("social_municipality_offers_82b", period))
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & (need == SupportNeed.temporary)  # in [temporary, long_term] and not long_term
                & offered)


class dk_social_par85(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Longer-term social support, § 85"

    def formula(person, period):
        # rules/dk/social.yaml:153-172
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & (person("social_support_need", period) == SupportNeed.long_term)
                & (person("social_functioning", period) == Functioning.low))


class dk_social_accompaniment(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "A social worker goes along to appointments"

    def formula(person, period):
        # rules/dk/social.yaml:187-209: its criteria, and requires § 85 for a long-term
        # need (line 200) or § 82 b for a temporary one (line 205)
        need = person("social_support_need", period)
        required = np.where(need == SupportNeed.long_term, person("dk_social_par85", period),
                            person("dk_social_par82", period))
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & one_of(need, SupportNeed.temporary, SupportNeed.long_term)
                & person("social_care_plan_accompaniment", period)
                & required)


class dk_psychiatry_visitation(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Hospital psychiatry accepts the referral"

    def formula(person, period, parameters):
        # rules/dk/psychiatry.yaml:99-154
        group = person("diagnosis_group", period)
        severity = person("diagnosis_severity", period)
        acute = person("risk_acute", period)  # only `equals: true` is asked here
        in_target_group = (
            one_of(group, DiagnosisGroup.psychotic, DiagnosisGroup.bipolar)
            | (severity == Severity.severe)
            | acute
            | ((severity == Severity.moderate)
               & ((person("social_functioning", period) == Functioning.low)
                  | person("treatment_gp_tried", period)))
            | ((group == DiagnosisGroup.eating) & one_of(severity, Severity.moderate, Severity.severe)))
        return ((person("jurisdiction", period) == Jurisdiction.DK)
                & person("age_known", period)
                & (person("age", period) >= parameters(period).dk.psychiatry.adult_age)
                & (person("gp_listed", period) | acute)
                & person("diagnosis_mental", period)
                & in_target_group)


# --- Sweden -----------------------------------------------------------------------

class se_municipality_financial_aid(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Financial aid of last resort (ekonomiskt bistånd)"

    def formula(person, period, parameters):
        # rules/se/municipality.yaml:70-105; the income limit of line 84 is a parameter
        limit = parameters(period).se.municipality.financial_aid_income_limit
        cannot_support_oneself = (
            (person("finances_below_norm_known", period) & person("finances_below_norm", period))
            | (~person("finances_below_norm_known", period)
               & person("income_annual_known", period) & (person("income_annual", period) <= limit)))
        work = person("employment_status", period)
        available_or_excused = (
            (person("employment_registered_job_seeker", period) & one_of(work, Work.unemployed, Work.none))
            | person("health_care_medical_certificate", period))
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & cannot_support_oneself & available_or_excused
                & person("finances_application_submitted", period))


class se_social_insurance_sgi(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Sickness-benefit income base (SGI) in place"

    def formula(person, period, parameters):
        # rules/se/social_insurance.yaml:139-201
        floor = parameters(period).se.social_insurance.sgi_floor
        work = person("employment_status", period)
        sgi_known = person("social_insurance_sgi_amount_known", period)
        sgi = person("social_insurance_sgi_amount", period)
        refused_known = person("social_insurance_benefit_refused_known", period)
        refused = person("social_insurance_benefit_refused", period)
        job_seeker = person("employment_registered_job_seeker", period)
        sick = work == Work.sick_leave
        situation = (                                                       # lines 155-184
            (work == Work.employed)
            | (sick & (~refused_known | ~refused))
            | (sick & refused_known & refused & job_seeker)
            | ((work == Work.unemployed) & job_seeker)
            | (one_of(work, Work.student, Work.none) & sgi_known & (sgi >= floor)))
        estimated = (~sgi_known & person("income_annual_known", period)   # lines 146-188
                     & (person("income_annual", period) >= floor) & situation)
        decided = sgi_known & (sgi >= floor)                                # lines 189-199
        return (person("jurisdiction", period) == Jurisdiction.SE) & (estimated | decided)


class se_social_insurance_sickness_benefit(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Income-based sickness benefit (sjukpenning)"

    def formula(person, period, parameters):
        # rules/se/social_insurance.yaml:214-268, and requires the SGI (line 210)
        p = parameters(period).se.social_insurance
        days, days_known = sick_days(person, period)
        work = person("employment_status", period)
        sick = work == Work.sick_leave
        certificate = person("health_care_medical_certificate", period)
        certified = (days_known & (days <= p.certificate_free_days)) | certificate  # 220-224
        paid_by_social_insurance = (work == Work.unemployed) | (days_known & (days >= p.employer_period_days))
        age = person("age", period)
        exception = (person("social_insurance_return_to_employer_likely", period)
                     | person("social_insurance_serious_illness", period)
                     | (person("age_known", period) & (age >= p.exception_age)))
        capacity_test = (                                                               # 234-267
            person("work_capacity_reduced_labour_market", period)
            | (sick & days_known & (days <= p.own_job_last_day))
            | (sick & days_known & (days > p.own_job_last_day) & (days < p.labour_market_from)
               & ~person("employment_employer_has_suitable_work", period))
            | (sick & days_known & (days >= p.labour_market_from) & (days < p.unreasonable_from) & exception)
            | (sick & days_known & (days >= p.unreasonable_from)
               & person("social_insurance_serious_illness", period)))
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & certified & one_of(work, Work.sick_leave, Work.unemployed)
                & paid_by_social_insurance & capacity_test
                & person("se_social_insurance_sgi", period))


class se_social_insurance_referral_to_employment(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Referral from Social Insurance to the Employment Agency"

    def formula(person, period):
        # rules/se/social_insurance.yaml:274-297
        no_steady_job = person("employment_steady_job_known", period) & ~person("employment_steady_job", period)
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & (person("employment_status", period) == Work.sick_leave)
                & (no_steady_job | person("social_insurance_agencies_agreed_route", period)))


class se_social_insurance_activity_compensation(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Activity compensation (aktivitetsersättning), ages 19-29"

    def formula(person, period, parameters):
        # rules/se/social_insurance.yaml:305-322
        p = parameters(period).se.social_insurance
        age = person("age", period)
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & person("age_known", period)
                & (age >= p.activity_compensation_age_min) & (age <= p.activity_compensation_age_max)
                & person("work_capacity_reduced_long_term", period)
                & person("health_care_medical_certificate", period))


class se_employer_sick_pay(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Sick pay from the employer (sjuklön), days 1-14"

    def formula(person, period, parameters):
        # rules/se/social_insurance.yaml:330-339
        p = parameters(period).se
        days, days_known = sick_days(person, period)
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & (person("employment_status", period) == Work.sick_leave)
                & days_known & (days <= p.employer.sick_pay_last_day)
                & ((days <= p.social_insurance.certificate_free_days)
                   | person("health_care_medical_certificate", period)))


class se_sip_coordinated_plan(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Coordinated individual plan (SIP)"

    def formula(person, period):
        # rules/se/sip.yaml:49-73
        return ((person("jurisdiction", period) == Jurisdiction.SE)
                & one_of(person("social_support_need", period), SupportNeed.temporary, SupportNeed.long_term)
                & person("diagnosis_mental", period)
                & (person("psychiatry_in_treatment", period) | person("gp_listed", period))
                & person("sip_consent", period))


# --- Norway -----------------------------------------------------------------------

class no_dps_outpatient(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Outpatient mental health care at DPS after GP referral"

    def formula(person, period, parameters):
        # rules/no/dps.yaml:65-96
        return ((person("jurisdiction", period) == Jurisdiction.NO)
                & person("age_known", period)
                & (person("age", period) >= parameters(period).no.dps.adult_age)
                & person("diagnosis_mental", period)
                & person("dps_referral_received", period)
                & (one_of(person("diagnosis_severity", period), Severity.moderate, Severity.severe)
                   | person("dps_priority_factor", period)
                   | person("risk_acute", period)))


class no_dps_advice_before_referral(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "The GP talks to DPS before referring"

    def formula(person, period):
        # rules/no/dps.yaml:111-121
        return ((person("jurisdiction", period) == Jurisdiction.NO)
                & person("gp_listed", period)
                & person("diagnosis_mental", period))


class no_municipality_mental_health_service(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Municipal mental health services (first line)"

    def formula(person, period):
        # rules/no/municipality.yaml:56-64
        return (person("jurisdiction", period) == Jurisdiction.NO) & person("diagnosis_mental", period)


class no_municipality_coordinator(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Coordinator for long-term, coordinated services"

    def formula(person, period):
        # rules/no/municipality.yaml:102-122
        return ((person("jurisdiction", period) == Jurisdiction.NO)
                & (person("social_support_need", period) == SupportNeed.long_term)
                & (person("psychiatry_in_treatment", period)
                   | (person("gp_listed", period) & person("diagnosis_mental", period))))
