"""Hypothesis on the public comment form: hostile input never gets a server error; a refusal stores nothing and
a success stores exactly one pending comment whose text is clean (NFC, no control characters, at most 5,000)."""

import datetime as dt
import unicodedata

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation.models import TEXT_MAX_LENGTH, Comment, Status
from testbed import factories

pytestmark = pytest.mark.django_db

odd = st.sampled_from(["", " ", "\x00", "a\x00b", "\u202e", "Lua\u0323\u0302t", "<script>alert(1)</script>",
                       "x" * (TEXT_MAX_LENGTH + 1), "Đ" * TEXT_MAX_LENGTH, "' OR 1=1 --", "ten@example.vn",
                       "@@", "on", "0", "-1", "99999999999999999999"])
value = st.one_of(odd, st.text(max_size=80))


@pytest.fixture
def draft(tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"], published=True,
                                   proposal_consultation_start=timezone.localdate() - dt.timedelta(days=2))
    factories.PolicyFactory(draft=draft)
    return draft


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=value, policy=value, name=value, organization=value, email=value, consent=st.sampled_from(["", "on"]),
       show_name=st.sampled_from(["", "on", "x"]), honeypot=st.sampled_from(["", "", "", "http://x"]))
def test_hostile_input_is_refused_or_stored_clean(draft, text, policy, name, organization, email, consent,
                                                  show_name, honeypot):
    cache.clear()
    before = Comment.objects.count()
    data = {"text": text, "policy": policy, "name": name, "organization": organization, "email": email,
            "consent": consent, "show_name": show_name, "contact_website": honeypot}
    response = Client().post(reverse("public:comment_submit", args=[draft.pk]), data, REMOTE_ADDR="192.0.2.1")
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Comment.objects.count() == before
        return
    comment = Comment.objects.latest("pk")
    assert Comment.objects.count() == before + 1 and comment.status == Status.PENDING and not honeypot
    assert 0 < len(comment.text) <= TEXT_MAX_LENGTH
    assert unicodedata.is_normalized("NFC", comment.text)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in comment.text)
    assert comment.consent_at is not None or not comment.has_personal_data
