"""Vietnamese is the default language, English the second; the catalogue is complete and compiled.

The .po file is read with a small parser of our own so that the test needs no extra package; the .mo file is read
with the standard library's ``gettext``, which is what tells us whether the committed binary matches the source.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from testbed import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")


# --- a tiny .po reader ----------------------------------------------------------------------------------------------


def parse_po(text):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (str, or {index: str}), flags.

    Obsolete entries (``#~``) are skipped: gettext never uses them.
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            finish()
            entry, field = {"flags": {f.strip() for f in line[2:].split(",")}}, None
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                finish()
                entry, field = None, None
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
            finish()
            entry = None
        if entry is None:
            entry = {"flags": set()}
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            entry.setdefault("msgstr", {})[int(match[1])] = value
            field = ("msgstr", int(match[1]))
        else:
            entry[keyword] = value
            field = keyword
    finish()
    return entries


def translations(entries):
    """Translated strings of the non-header entries, keyed as ``gettext`` keys its catalogue."""
    result = {}
    for entry in entries:
        if entry["msgid"] == "" or "fuzzy" in entry["flags"]:
            continue
        key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if "msgid_plural" in entry:
            for index, text in entry["msgstr"].items():
                if text:
                    result[(key, index)] = text
        elif entry.get("msgstr"):
            result[key] = entry["msgstr"]
    return result


@pytest.fixture(scope="module")
def po_entries():
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


def test_the_parser_reads_plurals_fuzzy_and_continuations():
    sample = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "Old %(n)s"\nmsgstr "Cũ %(n)s"\n\n'
        '#: b.html:2\nmsgid ""\n"Long "\n"line"\nmsgstr "Dòng \\"dài\\""\n\n'
        'msgid "%(counter)s file"\nmsgid_plural "%(counter)s files"\nmsgstr[0] "%(counter)s tệp"\n\n'
        '#: c.py:3\nmsgid "Empty"\nmsgstr ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Đã bỏ"\n'
    )
    entries = parse_po(sample)
    assert [e["msgid"] for e in entries] == ["", "Old %(n)s", "Long line", "%(counter)s file", "Empty"]
    assert "fuzzy" in entries[1]["flags"]
    assert entries[2]["msgstr"] == 'Dòng "dài"'
    assert entries[3]["msgstr"] == {0: "%(counter)s tệp"}
    assert [is_translated(e) for e in entries[1:]] == [True, True, True, False]
    assert translations(entries) == {"Long line": 'Dòng "dài"', ("%(counter)s file", 0): "%(counter)s tệp"}


# --- the catalogue --------------------------------------------------------------------------------------------------


def test_catalogue_declares_vietnamese_with_a_single_plural_form(po_entries):
    header = po_entries[0]
    assert header["msgid"] == ""
    assert "Language: vi\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"]
    assert "fuzzy" not in header["flags"]


def is_translated(entry):
    if "msgid_plural" in entry:
        return bool(entry.get("msgstr")) and all(entry["msgstr"].values())
    return bool(entry.get("msgstr"))


def test_every_message_is_translated_and_none_is_fuzzy(po_entries):
    messages = [e for e in po_entries if e["msgid"]]
    assert len(messages) > 500  # the whole portal, not a stub
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in messages if not is_translated(e)]
    assert fuzzy == []
    assert untranslated == []


def test_translations_keep_every_placeholder(po_entries):
    mismatched = []
    for entry in po_entries:
        if not entry["msgid"]:
            continue
        expected = set(PLACEHOLDER.findall(entry["msgid"])) | set(PLACEHOLDER.findall(entry.get("msgid_plural", "")))
        texts = entry["msgstr"].values() if "msgid_plural" in entry else [entry["msgstr"]]
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != expected:
                mismatched.append(entry["msgid"])
    assert mismatched == []


def test_compiled_catalogue_matches_the_source(po_entries):
    """The committed .mo holds exactly the .po's translations: run compilemessages after editing the .po."""
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalogue = {key: text for key, text in compiled._catalog.items() if key != ""}
    expected = translations(po_entries)
    assert set(catalogue) - set(expected) == set(), "the .mo has messages the .po no longer has"
    assert set(expected) - set(catalogue) == set(), "the .po has messages the .mo lacks"
    assert catalogue == expected


# --- the running portal ---------------------------------------------------------------------------------------------


def test_default_language_is_vietnamese(client):
    assert settings.LANGUAGE_CODE == "vi"
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Đăng nhập policycomms" in body
    assert "Log in to policycomms" not in body


def test_english_is_one_switch_away(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in body
    assert "Log in to policycomms" in body
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("login")})
    assert "Đăng nhập policycomms" in client.get(reverse("login")).content.decode()


def test_signed_in_pages_read_in_vietnamese(client, official, tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"], title="Dự thảo thử nghiệm")
    factories.PolicyFactory(draft=draft, title="Chính sách thử nghiệm")
    client.force_login(official)
    listing = client.get(reverse("drafts:list")).content.decode()
    detail = client.get(reverse("drafts:detail", args=[draft.pk])).content.decode()
    assert "Dự thảo trong phạm vi của bạn" in listing
    assert "Drafts in your scope" not in listing
    assert "Các mốc thời gian" in detail
    assert "giai đoạn lấy ý kiến đối với đề nghị" in detail.lower()
    assert "Milestones" not in detail


def test_messages_built_in_python_follow_the_active_language():
    from drafts.models import DraftStatus

    with translation.override("vi"):
        assert str(DraftStatus.WITHDRAWN.label) == "Đã rút"
    with translation.override("en"):
        assert str(DraftStatus.WITHDRAWN.label) == "Withdrawn"


def test_error_pages_are_translated(client, official):
    client.force_login(official)
    body = client.get("/drafts/999999/").content.decode()
    assert "Không tìm thấy trang" in body
    assert "Not Found" not in body
