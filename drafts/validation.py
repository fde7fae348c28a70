from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import DraftStatus


def _d(day):
    return day.strftime("%d/%m/%Y")


def validate_milestones(draft):
    """S ≤ D ≤ A where set, each consultation's end after its start, and adoption status matching A."""
    s, d, a = draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on
    errors = {}
    if s and d and d < s:
        errors["draft_consultation_start"] = _(
            "The draft consultation start (%(d)s) is before the proposal consultation start (%(s)s)."
        ) % {"d": _d(d), "s": _d(s)}
    if s and a and a < s:
        errors["adopted_on"] = _("The adoption date (%(a)s) is before the proposal consultation start (%(s)s).") % {
            "a": _d(a),
            "s": _d(s),
        }
    elif d and a and a < d:
        errors["adopted_on"] = _("The adoption date (%(a)s) is before the draft consultation start (%(d)s).") % {
            "a": _d(a),
            "d": _d(d),
        }
    pe = draft.proposal_consultation_end
    if s and pe and pe < s:
        errors["proposal_consultation_end"] = _(
            "The proposal consultation end (%(e)s) is before its start (%(s)s)."
        ) % {"e": _d(pe), "s": _d(s)}
    de = draft.draft_consultation_end
    if d and de and de < d:
        errors["draft_consultation_end"] = _("The draft consultation end (%(e)s) is before its start (%(d)s).") % {
            "e": _d(de),
            "d": _d(d),
        }
    if de and not d:
        errors["draft_consultation_end"] = _("Set the draft consultation start before its end.")
    if draft.status == DraftStatus.ADOPTED and not a:
        errors["adopted_on"] = _("An adopted draft needs its adoption / issuance date.")
    if errors:
        raise ValidationError(errors)
