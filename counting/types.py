"""The shapes the coverage engine hands to its readers (API, dashboards, reports).

Contract between the engine (``counting.engine`` / ``counting.selectors``) and everything that shows a figure.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class PolicyRow:
    policy_id: int
    draft_id: int
    status: str  # drafts.counting status: communicated, not_communicated, on_track, missed, at_risk, waiting, not_started
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
    missed: int = 0  # in progress, the proposal phase closed with no activity (rule 1.1)
    computed_at: dt.datetime | None = None
    targets: list[TargetResult] = field(default_factory=list)
    policies: list[PolicyRow] = field(default_factory=list)  # the denominator's policies with status and reason
    in_progress_policies: list[PolicyRow] = field(default_factory=list)

    @property
    def needs_attention(self) -> int:
        """Policies in progress that are missed or at risk: the dashboard's attention list holds both."""
        return self.missed + self.at_risk

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

    @property
    def strictest_target(self) -> TargetResult | None:
        """The applying target with the highest percent (the one a head must reach), or None."""
        return max(self.targets, key=lambda t: t.target_percent, default=None)

    def policies_needed(self, target_percent) -> int | None:
        """How many more communicated policies ``target_percent`` asks for (0 when met), compared exactly as
        ``meets``; None without data or without a target."""
        if not self.denominator or target_percent is None:
            return None
        required = math.ceil(_fraction(str(target_percent)) / 100 * self.denominator)
        return max(0, required - self.numerator)

    def meets(self, target_percent) -> bool | None:
        """Exact comparison numerator/denominator ≥ target/100, never after rounding (``target_met``)."""
        return target_met(self.numerator, self.denominator, target_percent)


def target_met(numerator: int, denominator: int, target_percent) -> bool | None:
    """numerator / denominator ≥ target / 100, exactly (never after rounding); None without data. The one
    comparison of a figure with a target: the engine stores its verdicts with it, readers compare with it."""
    if not denominator:
        return None
    target = _fraction(str(target_percent))
    # numerator / denominator ≥ target.numerator / (100 · target.denominator), in integers.
    return numerator * 100 * target.denominator >= target.numerator * denominator


@functools.lru_cache(maxsize=256)
def _fraction(text: str) -> Fraction:
    return Fraction(text)
