"""Seed the minimum posting periods for comments (the period a draft stays on the e-portal for comment).

- Law on Promulgation of Legal Documents 80/2015/QH13 (in force 1 July 2016), Art. 57: the full draft is posted on
  the e-portal for at least 60 days for comments. Seeded for every document type.
- Law on Promulgation of Legal Documents 64/2025/QH15 (in force 1 April 2025): at least 20 days in general.

The seed documents (../shared/seeds/) say nothing about these periods: the figures above come from the brief and
the laws as cited, not checked against the official text here (docs/consultation.md). Rules of their own for a
document type, or later amendments, are added in the admin.
"""

import datetime as dt

from django.db import migrations

RULES = [
    (
        dt.date(2016, 7, 1),
        60,
        "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13, Điều 57: đăng tải toàn văn dự thảo trên cổng "
        "thông tin điện tử trong thời gian ít nhất 60 ngày để lấy ý kiến",
    ),
    (
        dt.date(2025, 4, 1),
        20,
        "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 (có hiệu lực từ ngày 01/4/2025): thời gian lấy "
        "ý kiến ít nhất 20 ngày",
    ),
]


def seed(apps, schema_editor):
    PostingRule = apps.get_model("directives", "PostingRule")
    for valid_from, days, basis in RULES:
        PostingRule.objects.get_or_create(
            document_type="", valid_from=valid_from, defaults={"minimum_days": days, "legal_basis": basis}
        )


def unseed(apps, schema_editor):
    PostingRule = apps.get_model("directives", "PostingRule")
    for valid_from, _days, _basis in RULES:
        PostingRule.objects.filter(document_type="", valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [("directives", "0005_posting_rules")]

    operations = [migrations.RunPython(seed, unseed)]
