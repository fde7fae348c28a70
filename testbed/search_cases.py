"""What Vietnamese users type into a list's search box, and the stored text it must find (core/search.py)."""

import unicodedata

import pytest


def nfd(text):
    return unicodedata.normalize("NFD", text)


# (stored text, what is typed): no diacritics, capitals, đ → d, text stored NFD and typed NFC, and the reverse.
CASES = [
    ("Miễn Học phí cho trẻ mầm non", "hoc phi"),
    ("Miễn Học phí cho trẻ mầm non", "HỌC PHÍ"),
    ("Bồi dưỡng, Đào tạo cán bộ", "dao tao"),
    ("Hỗ trợ giáo viên mầm non", "giao vien mam non"),
    (nfd("Hỗ trợ giáo viên mầm non"), "giáo viên mầm non"),
    ("Hỗ trợ giáo viên mầm non", nfd("Giáo viên mầm non")),
]
IDS = ["no-marks", "capitals", "d-stroke", "phrase", "stored-nfd", "typed-nfd"]
# Matches none of the queries above.
DECOY = "Quy định an toàn thực phẩm"

cases = pytest.mark.parametrize(("stored", "typed"), CASES, ids=IDS)
