"""Time and peak memory of previewing a hostile workbook: ~1 MB on disk, 1 GB unpacked (issue 15, point 10).

    DJANGO_SETTINGS_MODULE=policycomms.settings .venv/bin/python benchmarks/hostile_import.py [unpacked MB]

Prints the file's size, the seconds and the peak resident memory of ``import_file`` (what the preview runs), and the
message the user reads. Results: docs/performance.md ("Hostile import").
"""

import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policycomms.settings")

import django  # noqa: E402

django.setup()

from exchange.services import import_file  # noqa: E402
from exchange.tests.test_hostile import WORKBOOK_XML  # noqa: E402

ROW = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"


def build(path: Path, unpacked_mb: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK_XML)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            written, number = 0, 1
            while written < unpacked_mb << 20:
                row = ROW % (number, number)
                part.write(row)
                written += len(row)
                number += 1
            part.write(b"</sheetData></worksheet>")


def main():
    unpacked_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bomb.xlsx"
        build(path, unpacked_mb)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        report = import_file(path=path, actor=None, kind=None, commit=False)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"file {path.stat().st_size / 2**20:.2f} MB, unpacks to {unpacked_mb} MB")
        print(f"import_file: {seconds:.3f} s, peak RSS {peak / 1024:.0f} MB (before: {before / 1024:.0f} MB)")
        print("message:", report.errors[0].message if report.errors else "(none)")


if __name__ == "__main__":
    main()
