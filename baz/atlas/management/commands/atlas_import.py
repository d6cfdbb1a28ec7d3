"""Import a municipality's atlas entries from a CSV or XLSX file, as /mijn/fiches/importeren/ does.

Why: BAZ staff sometimes receive a municipality's list by mail. The command reads the file with
the same rules, prints the preview (each row: new, exists, possible duplicate, error) and, unless
`--dry-run`, writes the new entries in one transaction. Rows that match an existing entry are
skipped here: updating an entry needs a person whose right the edit service checks, so those
rows are handled in the website. Imported entries record the file's name and hash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from baz.atlas.import_file import ImportFileError
from baz.atlas.models import ImportUpload
from baz.atlas.services.imports import (
    SKIP,
    import_confirm,
    import_preview,
    import_upload_store,
)
from baz.core.models import Municipality

FATES = {
    "nieuw": "nieuw",
    "bijwerken": "bestaat al (overgeslagen)",
    "mogelijk-dubbel": "mogelijk dubbel (overgeslagen)",
    "fout": "fout",
}


class Command(BaseCommand):
    help = "Importeer fiches van een gemeente uit een CSV- of Excel-bestand (.xlsx)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Het CSV- of .xlsx-bestand.")
        parser.add_argument(
            "--municipality", required=True, help="REFNIS-code van de gemeente, bv. 44021."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon het voorbeeld en bewaar niets.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        municipality = Municipality.objects.filter(refnis=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Geen gemeente met REFNIS-code {options['municipality']}.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error}") from error
        verbose = int(options.get("verbosity", 1)) >= 1
        try:
            upload = import_upload_store(
                user=None, municipality=municipality, file_name=path.name, content=content
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        try:
            preview = import_preview(upload=upload)
            if verbose:
                for row in preview.rows:
                    line = f"rij {row.number}: {FATES[row.fate]} · {row.name or '-'}"
                    if row.match_name:
                        line += f" (lijkt op '{row.match_name}')"
                    self.stdout.write(line)
                    for error in row.errors:
                        self.stdout.write(f"    {error}")
                counts = ", ".join(f"{FATES[k]}: {v}" for k, v in preview.counts.items())
                self.stdout.write(f"{municipality.name_nl}, {path.name}: {counts}")
            if options["dry_run"]:
                if verbose:
                    self.stdout.write("[proefdraai] Er is niets bewaard.")
                return
            choices = {str(row.number): SKIP for row in preview.rows}
            result = import_confirm(upload=upload, user=None, choices=choices, digest=None)
            if verbose:
                self.stdout.write(
                    f"Geïmporteerd: {len(result['created'])} nieuwe fiches, "
                    f"{result['skipped']} overgeslagen, {result['errors']} met een fout."
                )
        finally:
            if options["dry_run"]:
                ImportUpload.objects.filter(pk=upload.pk).delete()
