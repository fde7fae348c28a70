"""The shapes the coverage engine hands to its readers (API, dashboards, reports).

Contract between the engine (``coverage.engine`` / ``coverage.selectors``) and everything that shows a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class PolicyRow:
    policy_id: int
    draft_id: int
    status: str  # drafts.counting status: communicated, not_communicated, on_track, at_risk, waiting, not_started
    reason: str  # one sentence, in the active language
    policy_title: str = ""
    draft_title: str = ""
    organization_code: str = ""


@dataclass(frozen=True)
class TargetResult:
    directive_code: str  # "407/QĐ-TTg", "06/KH-UBND", …
    directive_title: str
    target_percent: Decimal
    met: bool | None  # None when there is no data (empty denominator)


@dataclass
class CoverageFigures:
    organization_code: str
    organization_name: str
    year: int
    denominator: int  # high-impact, in-scope policies of non-withdrawn drafts adopted in `year`, subtree
    numerator: int  # of those, communicated
    in_progress: int = 0  # countable policies of drafts not yet adopted (listed beside, never mixed in)
    at_risk: int = 0
    computed_at: dt.datetime | None = None
    targets: list[TargetResult] = field(default_factory=list)
    policies: list[PolicyRow] = field(default_factory=list)  # the denominator's policies with status and reason
    in_progress_policies: list[PolicyRow] = field(default_factory=list)

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def percent(self) -> Decimal | None:
        """100 × numerator / denominator with one decimal; None ("no data") for an empty denominator."""
        if not self.denominator:
            return None
        value = Decimal(100 * self.numerator) / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def meets(self, target_percent) -> bool | None:
        """Exact comparison numerator/denominator ≥ target/100, never after rounding."""
        if not self.denominator:
            return None
        return Fraction(self.numerator, self.denominator) >= Fraction(Decimal(target_percent)) / 100
