"""
Every codelist of the library, in one tuple: `gxai_policy.CODELISTS`.

Its own module so that the figure reader (where `Qualifier` lives) is
imported only when the catalogue is asked for.
"""

from __future__ import annotations

from typing import Final

from gxai_policy.values import codelists
from gxai_policy.values._codelist import Codelist
from gxai_policy.values.dates import PlanPeriod
from gxai_policy.values.quantity import Qualifier

__all__ = ["CODELISTS"]

#: Every codelist: those of the records (`gxai_policy.values.codelists`), the
#: five-year plan periods and the qualifiers of figures.
CODELISTS: Final[tuple[type[Codelist], ...]] = (*codelists.CODELISTS, PlanPeriod, Qualifier)
