"""Celery tasks of public comments: JSON arguments (ids), idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="consultation.send_comment_confirmation")
def send_comment_confirmation(comment_id: int) -> str:
    """The one mail an unconfirmed address ever receives: the link that confirms it. Sent again only if the task
    is retried before the address is confirmed; never once it is confirmed."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from .models import Comment
    from .services import confirmation_token

    comment = Comment.objects.select_related("draft").filter(pk=comment_id).first()
    if comment is None or not comment.email:
        return "missing"
    if comment.email_confirmed_at is not None:
        return "confirmed"
    path = reverse("public:comment_confirm", args=[confirmation_token(comment)])
    context = {
        "comment": comment,
        "confirm_url": settings.PORTAL_BASE_URL.rstrip("/") + path,
        "receipt_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("public:receipt", args=[comment.receipt_code]),
        "days": settings.CONSULTATION_CONFIRM_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("consultation/email/confirm_subject.txt", context).strip()
        body = render_to_string("consultation/email/confirm_body.txt", context)
    send_mail(subject, body, None, [comment.email])
    logger.info("consultation: confirmation sent for comment %s", comment_id)
    return "sent"


@shared_task(name="consultation.erase_personal_data", ignore_result=True)
def erase_personal_data() -> int:
    """Daily: the personal data whose retention ended (consultation.services.erase_expired_personal_data)."""
    from .services import erase_expired_personal_data

    erased = erase_expired_personal_data()
    if erased:
        logger.info("personal data of %s comments erased (retention ended)", erased)
    return erased
