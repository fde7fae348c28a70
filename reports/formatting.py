"""How the official document writes numbers, dates and statuses (Vietnamese, whatever the UI language)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# The document is an official Vietnamese form, so its wording is fixed Vietnamese rather than UI text.
STATUS_LABELS = {
    "communicated": "Đã truyền thông",
    "not_communicated": "Chưa truyền thông",
    "on_track": "Đang thực hiện, đúng tiến độ",
    "missed": "Đã bỏ lỡ giai đoạn lấy ý kiến đề nghị",
    "at_risk": "Có nguy cơ chậm",
    "waiting": "Đang thực hiện",
    "not_started": "Chưa bắt đầu",
    "withdrawn": "Đã rút",
}

CHANNEL_LABELS = {
    "portal": "Cổng/trang thông tin điện tử",
    "press": "Báo chí (tài liệu, bài viết, họp báo)",
    "broadcast": "Phát thanh, truyền hình, loa truyền thanh",
    "social": "Mạng xã hội, fanpage",
    "meeting": "Hội nghị, hội thảo, tọa đàm",
    "voter_contact": "Tiếp xúc cử tri",
    "grassroots": "Thiết chế văn hóa cơ sở",
    "print": "Ấn phẩm (tờ rơi, áp phích, pa-nô)",
    "other": "Khác",
}


def number(value: int | None) -> str:
    """1234567 -> "1.234.567"."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")


def vnd(value: int | None) -> str:
    return "—" if value is None else f"{number(value)} đồng"


def percent(value: Decimal | None) -> str:
    """Decimal("66.7") -> "66,7%"; None (no data) -> "Không có dữ liệu"."""
    if value is None:
        return "Không có dữ liệu"
    return f"{Decimal(value):.1f}".replace(".", ",") + "%"


def met(value: bool | None) -> str:
    if value is None:
        return "Không có dữ liệu"
    return "Đạt" if value else "Chưa đạt"


def done(value: bool | None) -> str:
    if value is None:
        return "Chưa báo cáo"
    return "Đã hoàn thành" if value else "Chưa hoàn thành"


def status(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
