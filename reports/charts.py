"""Charts drawn on the server as SVG, for the PDF and the HTML page (no JavaScript, no inline styles)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import formatting
from .types import AnnualReport

BAR = "#1f5fa8"
BAR_MISSED = "#b02a37"
NO_DATA = "#adb5bd"
TARGET = "#198754"


def coverage_bars(report: AnnualReport, *, width: int = 640) -> str:
    """Horizontal bars: the organization overall, then each direct child; a tick for each one's target."""
    rows = [(report.organization_name, report.percent, max((t.target_percent for t in report.targets), default=None))]
    rows += [(o.name, o.percent, o.target_percent) for o in report.organizations]
    label_w, value_w, bar_h, gap, top = 220, 90, 16, 8, 24
    plot_w = width - label_w - value_w
    height = top + len(rows) * (bar_h + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Tỷ lệ chính sách đã được truyền thông theo đơn vị" font-family="DejaVu Sans" font-size="10">',
        f'<text x="{label_w}" y="12" fill="#333">0%</text>',
        f'<text x="{label_w + plot_w - 24}" y="12" fill="#333">100%</text>',
        f'<line x1="{label_w}" y1="16" x2="{label_w}" y2="{height - 6}" stroke="#999" stroke-width="1"/>',
    ]
    for index, (name, percent, target) in enumerate(rows):
        y = top + index * (bar_h + gap)
        label = name if len(name) <= 34 else name[:33] + "…"
        parts.append(f'<text x="0" y="{y + bar_h - 4}" fill="#222">{escape(label)}</text>')
        if percent is None:
            parts.append(f'<text x="{label_w + 4}" y="{y + bar_h - 4}" fill="{NO_DATA}">Không có dữ liệu</text>')
        else:
            missed = target is not None and Decimal(percent) < Decimal(target)
            length = float(Decimal(percent) / 100) * plot_w
            colour = BAR_MISSED if missed else BAR
            parts.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{colour}"/>')
            parts.append(
                f'<text x="{label_w + plot_w + 6}" y="{y + bar_h - 4}" fill="#222">{formatting.percent(percent)}</text>'
            )
        if target is not None:
            tx = label_w + float(Decimal(target) / 100) * plot_w
            parts.append(
                f'<line x1="{tx:.1f}" y1="{y - 3}" x2="{tx:.1f}" y2="{y + bar_h + 3}" stroke="{TARGET}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703  # docs/security.md
