"""Seed the two national directives every organization answers to.

Decision 407/QĐ-TTg (30/3/2022): communicate 70% of in-scope high-impact policies in 2022, 100% in 2023–2027.
Directive 07/CT-TTg (21/3/2023): yearly tasks (plan, dedicated officer, training, press materials, e-portal posts).
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

D407 = "407/QĐ-TTg"
D07 = "07/CT-TTg"
TASKS_07 = [
    ("plan_issued", "Ban hành kế hoạch truyền thông chính sách hằng năm"),
    ("officer_assigned", "Bố trí công chức chuyên trách truyền thông chính sách"),
    ("training_held", "Tổ chức tập huấn, bồi dưỡng kỹ năng truyền thông chính sách"),
    ("press_materials", "Cung cấp thông tin, tài liệu truyền thông cho cơ quan báo chí"),
    ("portal_posts", "Đăng tải dự thảo và chính sách trên cổng/trang thông tin điện tử"),
]


def seed(apps, schema_editor):
    Directive = apps.get_model("directives", "Directive")
    Requirement = apps.get_model("directives", "Requirement")
    RequirementTarget = apps.get_model("directives", "RequirementTarget")

    d407, created = Directive.objects.get_or_create(
        code=D407,
        defaults={
            "kind": "decision",
            "title": (
                "Phê duyệt Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây "
                "dựng văn bản quy phạm pháp luật giai đoạn 2022–2027”"
            ),
            "issuer": "Thủ tướng Chính phủ",
            "issued_on": dt.date(2022, 3, 30),
        },
    )
    if created:
        target = Requirement.objects.create(
            directive=d407,
            kind="coverage_target",
            title="Tỷ lệ chính sách có tác động lớn đến xã hội được truyền thông",
            position=1,
        )
        RequirementTarget.objects.create(requirement=target, year=2022, target_percent=Decimal("70"))
        for year in range(2023, 2028):
            RequirementTarget.objects.create(requirement=target, year=year, target_percent=Decimal("100"))

    d07, created = Directive.objects.get_or_create(
        code=D07,
        defaults={
            "kind": "directive",
            "title": "Về việc tăng cường công tác truyền thông chính sách",
            "issuer": "Thủ tướng Chính phủ",
            "issued_on": dt.date(2023, 3, 21),
        },
    )
    if created:
        for position, (code, title) in enumerate(TASKS_07, start=1):
            Requirement.objects.create(directive=d07, kind="task", task_code=code, title=title, position=position)


def unseed(apps, schema_editor):
    apps.get_model("directives", "Directive").objects.filter(code__in=[D407, D07]).delete()


class Migration(migrations.Migration):
    dependencies = [("directives", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
