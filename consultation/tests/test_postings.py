"""Where and when a draft was posted for comment, the minimum period in force, and the flags."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultation import postings
from consultation.models import Phase, Posting, Venue
from directives.models import PostingRule
from directives.selectors import minimum_posting_rule, posting_rules
from testbed import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 9, 1)


def draft_of(org, **fields):
    fields.setdefault("proposal_consultation_start", dt.date(2025, 5, 1))
    return factories.DraftFactory(drafting_organization=org, **fields)


def post(draft, start, days, *, phase=Phase.PROPOSAL, actor=None):
    return postings.posting_create(
        draft=draft, actor=actor, phase=phase, venue=Venue.AGENCY_PORTAL, url="https://sgddt.haiphong.gov.vn/du-thao",
        posted_from=start, posted_until=start + dt.timedelta(days=days - 1),
    )


def test_the_seeded_minimum_is_60_days_before_april_2025_and_20_from_then():
    rules = posting_rules()
    assert minimum_posting_rule(rules, "decree", dt.date(2025, 3, 31)).minimum_days == 60
    assert minimum_posting_rule(rules, "decree", dt.date(2025, 4, 1)).minimum_days == 20
    assert "64/2025/QH15" in minimum_posting_rule(rules, "law", dt.date(2025, 4, 1)).legal_basis
    assert minimum_posting_rule(rules, "law", dt.date(2016, 6, 30)) is None  # before the 2015 law: nothing flagged


def test_a_rule_for_the_type_wins_at_the_same_date_and_a_newer_general_rule_replaces_it():
    PostingRule.objects.create(document_type="circular", minimum_days=30, valid_from=dt.date(2016, 7, 1), legal_basis="x")
    rules = posting_rules()
    assert minimum_posting_rule(rules, "circular", dt.date(2020, 1, 1)).minimum_days == 30
    assert minimum_posting_rule(rules, "decree", dt.date(2020, 1, 1)).minimum_days == 60
    assert minimum_posting_rule(rules, "circular", dt.date(2025, 5, 1)).minimum_days == 20


def test_posting_create_validates_and_saves(tree, official):
    draft = draft_of(tree["unit"])
    posting = post(draft, dt.date(2025, 5, 1), 20, actor=official)
    assert posting.days == 20 and posting.created_by == official

    with pytest.raises(ValidationError) as refused:
        postings.posting_create(
            draft=draft, actor=official, phase=Phase.PROPOSAL, venue=Venue.OTHER,
            posted_from=dt.date(2025, 5, 10), posted_until=dt.date(2025, 5, 1),
        )
    assert "posted_until" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        post(draft, dt.date(2025, 5, 1), 20, phase=Phase.DRAFT)  # no D yet: no draft phase
    assert "phase" in refused.value.error_dict
    with pytest.raises(ValidationError):
        postings.posting_create(
            draft=draft, actor=official, phase=Phase.PROPOSAL, venue="nowhere",
            posted_from=dt.date(2025, 5, 1), posted_until=dt.date(2025, 5, 2),
        )
    assert Posting.objects.count() == 1


def test_posting_update_and_delete(tree, official):
    posting = post(draft_of(tree["unit"]), dt.date(2025, 5, 1), 10)
    postings.posting_update(posting=posting, actor=official, posted_until=dt.date(2025, 6, 30))
    posting.refresh_from_db()
    assert posting.days == 61
    postings.posting_delete(posting=posting, actor=official)
    assert not Posting.objects.exists()


def test_warnings_flag_missing_and_short_postings_of_started_phases_only(tree):
    missing = draft_of(tree["unit"])
    short = draft_of(tree["unit"])
    post(short, dt.date(2025, 5, 1), 19)
    long_enough = draft_of(tree["unit"])
    post(long_enough, dt.date(2025, 5, 1), 5)
    post(long_enough, dt.date(2025, 5, 10), 20)  # one posting meeting the minimum is enough
    old_law = draft_of(tree["unit"], proposal_consultation_start=dt.date(2025, 1, 5))
    post(old_law, dt.date(2025, 1, 5), 45)  # started before 1 April 2025: 60 days were due
    both_phases = draft_of(tree["department"], draft_consultation_start=dt.date(2025, 8, 1))
    post(both_phases, dt.date(2025, 5, 1), 30)  # the draft phase (started 1 Aug) has none
    draft_of(tree["unit"], proposal_consultation_start=dt.date(2025, 10, 1))  # not started
    draft_of(tree["unit"], status="withdrawn")
    draft_of(tree["unit"], adopted_on=dt.date(2025, 8, 31))  # adopted before today
    draft_of(tree["other"])  # another tree

    got = {(w.draft.pk, w.check.phase): (w.problem, w.check.longest_days, w.check.minimum_days)
           for w in postings.posting_warnings(tree["department"], today=TODAY)}

    assert got == {
        (missing.pk, Phase.PROPOSAL): (postings.MISSING, None, 20),
        (short.pk, Phase.PROPOSAL): (postings.TOO_SHORT, 19, 20),
        (old_law.pk, Phase.PROPOSAL): (postings.TOO_SHORT, 45, 60),
        (both_phases.pk, Phase.DRAFT): (postings.MISSING, None, 20),
    }


def test_warnings_cost_three_queries_whatever_the_number_of_drafts(tree, django_assert_num_queries):
    for _ in range(3):
        post(draft_of(tree["unit"]), dt.date(2025, 5, 1), 10)
    with django_assert_num_queries(3):
        assert len(postings.posting_warnings(tree["department"], today=TODAY)) == 3
    for _ in range(20):
        post(draft_of(tree["unit"], draft_consultation_start=dt.date(2025, 8, 1)), dt.date(2025, 5, 1), 10)
    with django_assert_num_queries(3):
        assert len(postings.posting_warnings(tree["department"], today=TODAY)) == 43


# The section on the draft page and its views


def test_editors_see_the_section_with_the_form_and_readers_without(client, tree, official, inspector, english):
    draft = draft_of(tree["department"])
    post(draft, dt.date(2025, 5, 1), 10)
    url = reverse("drafts:detail", args=[draft.pk])

    client.force_login(official)
    page = client.get(url).content.decode()
    assert 'id="postings"' in page and "The agency&#x27;s e-portal" in page
    assert reverse("consultation_postings:create", args=[draft.pk]) in page
    assert 'data-posting-problem="too_short"' in page or 'data-posting-problem="missing"' in page

    client.force_login(inspector)
    page = client.get(url).content.decode()
    assert 'id="postings"' in page
    assert reverse("consultation_postings:create", args=[draft.pk]) not in page


def test_create_view_records_and_redirects_to_the_section(client, tree, official):
    draft = draft_of(tree["department"])
    client.force_login(official)
    response = client.post(reverse("consultation_postings:create", args=[draft.pk]), {
        "phase": "proposal", "venue": "national_law_portal", "url": "phapluat.gov.vn/du-thao/1",
        "posted_from": "01/05/2025", "posted_until": "20/05/2025",
    })
    assert response.status_code == 302 and response["Location"].endswith("#postings")
    posting = Posting.objects.get(draft=draft)
    assert (posting.days, posting.url, posting.created_by) == (20, "https://phapluat.gov.vn/du-thao/1", official)


def test_create_view_shows_errors_and_saves_nothing(client, tree, official, english):
    draft = draft_of(tree["department"])
    client.force_login(official)
    response = client.post(reverse("consultation_postings:create", args=[draft.pk]), {
        "phase": "draft", "venue": "agency_portal", "posted_from": "20/05/2025", "posted_until": "01/05/2025",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page and "cannot be before its first day" in page
    assert not Posting.objects.exists()


def test_readers_get_403_and_outsiders_404(client, tree, inspector, outsider):
    draft = draft_of(tree["department"])
    posting = post(draft, dt.date(2025, 5, 1), 10)
    create = reverse("consultation_postings:create", args=[draft.pk])
    delete = reverse("consultation_postings:delete", args=[posting.pk])
    client.force_login(inspector)
    assert client.get(create).status_code == 403
    assert client.post(delete).status_code == 403
    client.force_login(outsider)
    assert client.get(create).status_code == 404
    assert client.post(delete).status_code == 404
    assert Posting.objects.filter(pk=posting.pk).exists()


def test_delete_asks_first_then_deletes(client, tree, official, english):
    posting = post(draft_of(tree["department"]), dt.date(2025, 5, 1), 10)
    url = reverse("consultation_postings:delete", args=[posting.pk])
    client.force_login(official)
    page = client.get(url).content.decode()
    assert "This cannot be undone." in page and "01/05/2025" in page
    assert Posting.objects.filter(pk=posting.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and not Posting.objects.filter(pk=posting.pk).exists()


def test_the_minimum_periods_are_edited_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    client.force_login(admin)
    page = client.get(reverse("admin:directives_postingrule_changelist")).content.decode()
    assert "64/2025/QH15" in page
    rule = PostingRule.objects.get(valid_from=dt.date(2025, 4, 1))
    response = client.post(reverse("admin:directives_postingrule_change", args=[rule.pk]), {
        "document_type": "", "minimum_days": "30", "valid_from": "01/04/2025", "legal_basis": rule.legal_basis,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PostingRule.objects.get(pk=rule.pk).minimum_days == 30
