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
# A variable whose name says it is an id, a year or a page number, written without a filter that makes it plain
# digits (``unlocalize``, ``stringformat``): bare, or through another filter, which still localizes it.
ID_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w.]*(?:\.pk|\.id|_id|page_number|\.year))\s*(\|[^}]*)?\}\}")
PLAIN = ("|unlocalize", "|stringformat")


def bare_ids(text):
    return [m for m in ID_VARIABLE.finditer(text) if not (m.group(2) or "").startswith(PLAIN)]


def _templates():
    """The project's templates and every app's (pages and e-mails), never an installed package's."""
    found = [*ROOT.glob("templates/**/*"), *ROOT.glob("*/templates/**/*")]
    return sorted(p for p in found if p.suffix in {".html", ".txt"} and not p.parts[len(ROOT.parts)].startswith("."))


def test_the_templates_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in _templates()}
    assert "campaigns/templates/campaigns/activity_detail.html" in names and len(names) > 50


def test_no_template_writes_an_id_as_a_localized_number():
    bare = [f"{p.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for p in _templates() for text in [p.read_text(encoding="utf-8")] for m in bare_ids(text)]
    assert bare == [], "write these with |unlocalize (and {% load l10n %}):\n" + "\n".join(bare)


def test_the_check_finds_a_bare_id():
    for text in ('<a href="?activity={{ activity.pk }}">', "{{ draft_id }}", "{{  t.year  }}", '{{ c.pk|default:"" }}',
                 "{{ page.next_page_number }}"):
        assert bare_ids(text), text
    for text in ("{{ activity.pk|unlocalize }}", "{{ p.pk|stringformat:'d' }}", "{{ job.progress }}", "{{ year }}"):
        assert not bare_ids(text), text


@pytest.mark.parametrize(("language", "localized"), [("vi", "12.345"), ("en", "12,345")])
def test_why_an_id_needs_unlocalize(language, localized):
    with translation.override(language):
        text = Template("{% load l10n %}{{ n }} {{ n|unlocalize }}").render(Context({"n": 12345}))
    assert text == f"{localized} 12345"
