"""One sentence per policy, rebuilt from a snapshot's milestones and counts in the reader's language.

The sentences are ``drafts.counting``'s, word for word (same source strings, same helpers: ``window``,
``Phase.label``, ``Phase.span``, ``fmt``); ``coverage/tests/test_agreement.py`` checks they never drift apart.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from drafts import counting as c


def reason_for(*, status: str, s: dt.date, d: dt.date | None, a: dt.date | None, n_proposal: int, n_draft: int,
               as_of: dt.date) -> str:
    phases = c.window(s, d, a)
    counts = {c.PROPOSAL: n_proposal, c.DRAFT: n_draft}

    if status == c.COMMUNICATED:
        return _("Communicated: %(list)s.") % {
            "list": "; ".join(
                _("%(n)d activities in the %(phase)s (%(span)s)")
                % {"n": counts[p.key], "phase": p.label(), "span": p.span()}
                for p in phases
            )
        }
    if status == c.NOT_COMMUNICATED:
        parts = []
        for p in phases:
            if counts[p.key]:
                continue
            if p.is_empty:
                parts.append(
                    _("the %(phase)s has no days (it ends before it starts, %(span)s)")
                    % {"phase": p.label(), "span": p.span()}
                )
            else:
                parts.append(_("no activity in the %(phase)s (%(span)s)") % {"phase": p.label(), "span": p.span()})
        return _("Not communicated: %(list)s.") % {"list": "; ".join(parts)}
    if status == c.NOT_STARTED:
        return _("In progress: the proposal consultation starts on %(s)s.") % {"s": c.fmt(s)}

    current = phases[-1] if (d is not None and as_of >= d) else phases[0]
    if status == c.ON_TRACK:
        return _("In progress, on track: %(n)d activities in the current %(phase)s (since %(start)s).") % {
            "n": counts[current.key],
            "phase": current.label(),
            "start": c.fmt(current.first_day),
        }
    values = {"phase": current.label(), "start": c.fmt(current.first_day), "days": (as_of - current.first_day).days}
    if status == c.AT_RISK:
        return _("At risk: no activity in the current %(phase)s, which began on %(start)s (%(days)d days ago).") % values
    return _(
        "In progress: no activity yet in the current %(phase)s, which began on %(start)s (%(days)d days ago)."
    ) % values
