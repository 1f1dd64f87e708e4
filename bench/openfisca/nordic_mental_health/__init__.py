"""A small OpenFisca country package mirroring some criteria of eligcheck's rules/.

Written for bench/openfisca-compare.sh: the same cohort through OpenFisca and through
`eligcheck diff`. It computes whether 18 services' criteria hold on the facts
given; it has no needs_info / reachable / blocked statuses, no plans, no deadlocks and no
ways out, which eligcheck works out for every patient as well.
"""
from pathlib import Path

from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from nordic_mental_health import criteria, inputs
from nordic_mental_health.entities import entities

HERE = Path(__file__).parent


class NordicTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__(entities)
        # The modules are imported once, so the criteria compare against the very Enum
        # classes the inputs declare (add_variables_from_file would load a second copy).
        for module in (inputs, criteria):
            self.add_variables(*(value for value in vars(module).values()
                                 if isinstance(value, type) and issubclass(value, Variable)
                                 and value.__module__ == module.__name__))
        self.load_parameters(str(HERE / "parameters"))


class SameParameters(Reform):
    """The "proposed" side of the comparison: a reform whose parameters are a copy of
    the baseline's, as `eligcheck diff --base rules --proposed rules` loads the same
    folder twice."""

    def apply(self):
        self.modify_parameters(modifier_function=lambda parameters: parameters)
