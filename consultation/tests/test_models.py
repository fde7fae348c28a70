"""The comment model's own guarantees: receipt codes, and a draft with comments is never deleted."""

import pytest

from consultation.models import RECEIPT_ALPHABET, RECEIPT_LENGTH, Comment, Status
from drafts import services
from drafts.models import Draft
from testbed import factories


def test_receipt_codes_are_unambiguous_and_distinct(tree):
    draft = factories.DraftFactory(drafting_organization=tree["unit"])
    codes = {factories.CommentFactory(draft=draft).receipt_code for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code) == RECEIPT_LENGTH and set(code) <= set(RECEIPT_ALPHABET) for code in codes)
    assert not set("01OIL") & set(RECEIPT_ALPHABET)


def test_a_draft_with_comments_is_not_deleted_even_by_a_superuser(tree, official, english):
    draft = factories.DraftFactory(drafting_organization=tree["unit"])
    factories.CommentFactory(draft=draft, status=Status.PENDING)  # not yet public, and still never deleted
    assert services.draft_delete_blockers(draft) == ["It has public comments, which are never deleted."]
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(services.DraftDeleteRefused) as refused:
        services.draft_delete(draft=draft, actor=admin, override_reason="cleaning up")
    assert "never deleted" in refused.value.message
    assert Draft.objects.filter(pk=draft.pk).exists() and Comment.objects.filter(draft=draft).count() == 1
