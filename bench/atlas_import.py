"""Benchmark of the atlas bulk import: preview and import time for a file of N rows.

Builds a `;`-separated CSV of N synthetic initiatives (default 5,000, the default row limit),
stores it as an upload for a municipality, then times the preview (read, validate, find
duplicates) and the import (one transaction). The import is rolled back afterwards unless
`--keep`, so the script can run again on the same database. Needs the reference data:

    .venv/bin/python manage.py load_reference_data
    .venv/bin/python bench/atlas_import.py [--rows 5000] [--municipality 44021] [--keep]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from baz.atlas.models import Entry  # noqa: E402
from baz.atlas.services.imports import (  # noqa: E402
    import_confirm,
    import_preview,
    import_upload_store,
)
from baz.core.models import Municipality, PostalCode  # noqa: E402

WORDS = ["Buurt", "Soep", "Fiets", "Moestuin", "Praat", "Repair", "Boeken", "Wandel", "Zorg"]


class Rollback(Exception):
    pass


def build_csv(rows: int, postal_code: str) -> bytes:
    lines = ["Naam;Soort;Korte omschrijving;Postcode;Telefoon;E-mailadres;Gestart in"]
    for n in range(rows):
        name = f"{WORDS[n % len(WORDS)]}{WORDS[(n // 9) % len(WORDS)].lower()} {n}"
        lines.append(
            f"{name};burgerinitiatief;Buren helpen buren, initiatief {n}.;{postal_code};"
            f"0470 {n:06d};contact{n}@example.org;{2000 + n % 26}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--municipality", default="44021", help="REFNIS code")
    parser.add_argument("--keep", action="store_true", help="keep the imported entries")
    args = parser.parse_args()

    municipality = Municipality.objects.get(refnis=args.municipality)
    postal = PostalCode.objects.filter(municipality=municipality).order_by("code").first()
    content = build_csv(args.rows, postal.code if postal else "")
    existing = Entry.objects.filter(municipality=municipality).count()
    print(
        f"{connection.vendor}: {args.rows} rows ({len(content) / 1024:.0f} KiB) into "
        f"{municipality.name_nl}, which has {existing} entries"
    )
    try:
        with transaction.atomic():
            start = time.perf_counter()
            upload = import_upload_store(
                user=None, municipality=municipality, file_name="bench.csv", content=content
            )
            stored = time.perf_counter()
            preview = import_preview(upload=upload)
            previewed = time.perf_counter()
            print(f"upload check and store: {stored - start:6.1f} s")
            print(f"preview:                {previewed - stored:6.1f} s  {preview.counts}")
            result = import_confirm(upload=upload, user=None, choices={}, digest=preview.digest)
            done = time.perf_counter()
            print(
                f"import (incl. preview):  {done - previewed:6.1f} s  "
                f"{len(result['created'])} created"
            )
            if not args.keep:
                raise Rollback
    except Rollback:
        print("rolled back (use --keep to keep the entries)")


if __name__ == "__main__":
    main()
