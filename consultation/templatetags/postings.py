"""``{% posting_section draft can_edit %}``: the draft page's section on where and when the draft was posted for
comment. A tag, so that the draft page (``drafts``, a layer below) shows it without importing this app."""

from django import template
from django.utils import timezone

from .. import postings
from ..posting_forms import PostingForm

register = template.Library()


@register.inclusion_tag("consultation/postings/_section.html", takes_context=True)
def posting_section(context, draft, can_edit=False):
    rows = list(postings.postings_for(draft))
    checks = postings.phase_checks(draft, today=timezone.localdate(), postings=rows)
    return {
        "draft": draft,
        "postings": rows,
        "checks": checks,
        "can_edit": can_edit,
        "form": PostingForm(draft=draft, auto_id="id_posting_%s") if can_edit else None,
        "csrf_token": context.get("csrf_token"),
        "MISSING": postings.MISSING,
        "TOO_SHORT": postings.TOO_SHORT,
    }
