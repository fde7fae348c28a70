"""One sentence per policy, rebuilt from a snapshot's milestones and per-phase flags in the reader's language.

The sentence is built by ``drafts.counting.explain``, the same function the per-draft page uses, so the two never
drift apart (``counting/tests/test_agreement.py`` checks it on random drafts).
"""

from __future__ import annotations

import datetime as dt

from drafts import counting as c


def reason_for(*, status: str, s: dt.date, d: dt.date | None, a: dt.date | None, has_proposal: bool,
               has_draft: bool, as_of: dt.date) -> str:
    return c.explain(
        status=status,
        phases=c.window(s, d, a),
        has_activity={c.PROPOSAL: has_proposal, c.DRAFT: has_draft},
        today=as_of,
    )
