"""Ids in templates are written as plain digits, whatever the language.

``USE_THOUSAND_SEPARATOR`` is on, so a template writes the integer 12345 as "12.345" in Vietnamese and "12,345" in
English. That is right for a figure and wrong for an id: a link ``?activity=1,234`` filters nothing, a form value
``1.234`` is refused, an anchor ``#policy-1.234`` misses the ``#policy-1234`` other pages link to. It showed only once
the ids passed 1000 (a flaky test in CI, when PostgreSQL's sequences had moved on). Every id, primary key and page
number goes through ``|unlocalize`` (or another filter that writes it, such as ``stringformat:"d"``).
"""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
# A variable written as it is (no filter) whose name says it is an id or a page number.
BARE_ID = re.compile(r"\{\{ ?([A-Za-z_][\w.]*(?:\.pk|\.id|_id|page_number)) ?\}\}")


def _templates():
    return sorted(p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts)


def test_the_templates_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in _templates()}
    assert "campaigns/templates/campaigns/activity_detail.html" in names and len(names) > 50


def test_no_template_writes_an_id_as_a_localized_number():
    bare = [f"{p.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for p in _templates() for text in [p.read_text()] for m in BARE_ID.finditer(text)]
    assert bare == [], "write these with |unlocalize (and {% load l10n %}):\n" + "\n".join(bare)


def test_the_check_finds_a_bare_id():
    assert BARE_ID.search('<a href="?activity={{ activity.pk }}">') and BARE_ID.search("{{ draft_id }}")
    assert not BARE_ID.search("{{ activity.pk|unlocalize }}") and not BARE_ID.search("{{ p.pk|stringformat:'d' }}")


@pytest.mark.parametrize(("language", "localized"), [("vi", "12.345"), ("en", "12,345")])
def test_why_an_id_needs_unlocalize(language, localized):
    with translation.override(language):
        text = Template("{% load l10n %}{{ n }} {{ n|unlocalize }}").render(Context({"n": 12345}))
    assert text == f"{localized} 12345"
