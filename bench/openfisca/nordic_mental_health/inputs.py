"""Input variables: the patient facts of spec/CONTRACT.md section 1 that the criteria use.

OpenFisca has no "unknown": every variable has a value. Unknown enum values get an
`unknown` member (the default); a number, a date or a yes/no fact whose unknown value
matters to a criterion (where the rule asks `known`, `equals: false` or a number) has a
`*_known` companion. Facts the generated cohort never gives (finances.*, sip.consent,
dps.*, ...) are declared all the same and keep their defaults, as eligcheck leaves them
unknown.
"""
from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from nordic_mental_health.entities import Person


# --- enums (rules/common/facts.yaml) ---------------------------------------------

class Jurisdiction(Enum):
    unknown = "not given"
    DK = "Denmark"
    SE = "Sweden"
    NO = "Norway"


class Severity(Enum):
    unknown = "not given"
    mild = "mild"
    moderate = "moderate"
    severe = "severe"


class EmploymentStatus(Enum):
    unknown = "not given"
    employed = "in work"
    sick_leave = "on sick leave"
    unemployed = "unemployed"
    student = "student"
    none = "none of these"


class SupportNeed(Enum):
    unknown = "not given"
    none = "no"
    temporary = "for a while"
    long_term = "for a long time"


class Functioning(Enum):
    unknown = "not given"
    low = "poorly"
    medium = "fairly well"
    high = "well"


class jurisdiction(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = Jurisdiction
    default_value = Jurisdiction.unknown
    label = "Country whose rules apply (facts.yaml:32)"


class as_of(Variable):
    entity = Person
    definition_period = YEAR
    value_type = date
    label = "Evaluation date"


class age(Variable):
    entity = Person
    definition_period = YEAR
    value_type = int
    label = "Age in whole years (facts.yaml:33)"


class age_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class diagnosis_icd10_category(Variable):
    entity = Person
    definition_period = YEAR
    value_type = int
    default_value = -1
    label = "Number of the ICD-10 category in chapter F (F32.1 -> 32); -1 outside chapter F"


class diagnosis_icd10_subcode(Variable):
    entity = Person
    definition_period = YEAR
    value_type = int
    default_value = -1
    label = "Digit after the point of the ICD-10 code (F32.1 -> 1); -1 when there is none"


class diagnosis_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "An ICD-10 code is given (facts.yaml:38)"


class diagnosis_severity(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = Severity
    default_value = Severity.unknown
    label = "Severity of the primary diagnosis (facts.yaml:39)"


class employment_status(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = EmploymentStatus
    default_value = EmploymentStatus.unknown
    label = "Work situation (facts.yaml:47)"


class employment_steady_job(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Has a permanent position (facts.yaml:48)"


class employment_steady_job_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class employment_sick_leave_start(Variable):
    entity = Person
    definition_period = YEAR
    value_type = date
    label = "First day of the current sick leave (facts.yaml:49)"


class employment_sick_leave_start_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class income_annual(Variable):
    entity = Person
    definition_period = YEAR
    value_type = float
    label = "Yearly income in local currency (facts.yaml:50)"


class income_annual_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class social_support_need(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = SupportNeed
    default_value = SupportNeed.unknown
    label = "Need for municipal social support (facts.yaml:51)"


class social_functioning(Variable):
    entity = Person
    definition_period = YEAR
    value_type = Enum
    possible_values = Functioning
    default_value = Functioning.unknown
    label = "Everyday functioning (facts.yaml:53)"


class risk_acute(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Acute risk (facts.yaml:41)"


class risk_acute_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


# Yes/no facts whose criteria only ask `equals: true`: unknown is the same as no.

class gp_listed(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Listed with a GP (facts.yaml:36)"


class gp_in_care_manager_project(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "GP's practice in the care-manager scheme (facts.yaml:37)"


class appointments_shared_consultation_booked(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Shared consultation booked (facts.yaml:44)"


class psychiatry_in_treatment(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "In treatment in psychiatry (facts.yaml:43)"


class treatment_gp_tried(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Treatment through the GP tried (facts.yaml:42); not in the cohort"


class social_care_plan_accompaniment(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Accompaniment in the care plan (facts.yaml:52)"


# Facts of the country rule files; the generated cohort gives none of them.

class finances_below_norm(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Means test found income below the norm (se/municipality.yaml:49)"


class finances_below_norm_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class finances_application_submitted(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Application for financial aid handed in (se/municipality.yaml:55)"


class employment_registered_job_seeker(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Registered at the Employment Agency (se/employment.yaml:22)"


class health_care_medical_certificate(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Medical certificate on file (se/primary_care.yaml:23)"


class social_insurance_sgi_amount(Variable):
    entity = Person
    definition_period = YEAR
    value_type = float
    label = "SGI set by Försäkringskassan (se/social_insurance.yaml:83)"


class social_insurance_sgi_amount_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class social_insurance_benefit_refused(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Sickness benefit refused (se/social_insurance.yaml:126)"


class social_insurance_benefit_refused_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class social_insurance_agencies_agreed_route(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Agencies agreed the route to the Employment Agency (se/social_insurance.yaml:120)"


class social_insurance_return_to_employer_likely(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Return to the employer likely within a year (se/social_insurance.yaml:90)"


class social_insurance_serious_illness(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Illness counted as serious (se/social_insurance.yaml:114)"


class employment_employer_has_suitable_work(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Employer has other suitable work (se/social_insurance.yaml:108)"


class work_capacity_reduced_labour_market(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Work reduced on the whole labour market (se/social_insurance.yaml:96)"


class work_capacity_reduced_long_term(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Work capacity reduced for at least a year (se/social_insurance.yaml:102)"


class sip_consent(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "Consent to a coordinated individual plan (se/sip.yaml:35)"


class social_municipality_offers_82b(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "The municipality offers the support of § 82 b (dk/social.yaml:70)"


class social_municipality_offers_82b_known(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool


class dps_referral_received(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "DPS has received a referral (no/dps.yaml:44)"


class dps_priority_factor(Variable):
    entity = Person
    definition_period = YEAR
    value_type = bool
    label = "A priority factor (no/dps.yaml:49)"
