"""Reading a spreadsheet for the atlas bulk import: CSV or XLSX as Belgian offices make them.

The type is decided by the content, never by the file name: an XLSX is a ZIP archive with a
workbook inside, a CSV is text without NUL bytes. CSV may be separated by `;` (what Excel writes
in Belgium), `,` or tabs, in UTF-8 (with or without BOM) or cp1252. XLSX is read with openpyxl
in read-only mode with `data_only=True`: a formula is never evaluated, its cached value (what
Excel last showed) is read. The ZIP is checked before openpyxl opens it, so a zip bomb is
refused on its declared sizes.

Returns the header row and the data rows as text, each with its row number in the file (so a
person can find it). Empty rows are skipped; the header row is the first of the first ten rows
that holds the required columns, so a title row above it (often merged cells) is fine.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from baz.core.text import normalize

# A workbook may unpack to at most this many times the upload limit, and to this many parts.
ZIP_MAX_RATIO = 20
ZIP_MAX_MEMBERS = 200
HEADER_SEARCH_ROWS = 10


class ImportFileError(Exception):
    """The whole file is refused; the message says why and what to do, in Dutch."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number as the spreadsheet program shows it
    cells: dict[str, str]  # column key -> text


@dataclass(frozen=True)
class Sheet:
    kind: str  # "csv" or "xlsx"
    columns: list[str]  # the column keys found in the header, in file order
    rows: list[SheetRow]


def header_key(text: str) -> str:
    """A header cell as a key: accent-free, lower case, no punctuation or double spaces."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in normalize(text or ""))
    return " ".join(cleaned.split())


def sniff_kind(content: bytes) -> str:
    """ "xlsx" or "csv" from the bytes; `ImportFileError` for anything else."""
    if content.startswith(b"PK\x03\x04"):
        return "xlsx"
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Dit is een oud Excel-bestand (.xls). Open het in Excel en bewaar het als "
                "Excel-werkmap (.xlsx) of als CSV. Probeer het dan opnieuw."
            )
        )
    head = content[:8192]
    if b"\x00" in head or not head.strip():
        raise ImportFileError(_not_a_spreadsheet())
    return "csv"


def _not_a_spreadsheet() -> str:
    return _(
        "Dit bestand is geen CSV- of Excel-bestand. Gebruik het sjabloon en bewaar het als "
        "Excel-werkmap (.xlsx) of als CSV."
    )


def read_sheet(
    content: bytes, *, aliases: dict[str, str], required: list[str], max_rows: int
) -> Sheet:
    """The rows of `content`; `aliases` maps header keys to column keys."""
    kind = sniff_kind(content)
    raw_rows = _xlsx_rows(content) if kind == "xlsx" else _csv_rows(content)
    header_at = None
    columns: list[str | None] = []
    numbered: list[tuple[int, list[Any]]] = []
    for number, values in raw_rows:
        if header_at is None:
            keys = [aliases.get(header_key(_text(value))) for value in values]
            if all(column in keys for column in required):
                header_at, columns = number, keys
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(_text(value) for value in values):
            continue  # an empty row
        numbered.append((number, values))
        if len(numbered) > max_rows:
            raise ImportFileError(
                _(
                    "Dit bestand heeft meer dan %(max)s rijen. Verdeel de rijen over "
                    "verschillende bestanden en importeer ze een voor een."
                )
                % {"max": f"{max_rows:,}".replace(",", ".")}
            )
    if header_at is None:
        raise ImportFileError(
            _(
                "We vinden de kolommen %(columns)s niet in de eerste %(n)s rijen. Gebruik de "
                "kolomnamen van het sjabloon in de eerste rij."
            )
            % {
                "columns": ", ".join(f"'{required_label}'" for required_label in required),
                "n": HEADER_SEARCH_ROWS,
            }
        )
    rows = []
    for number, values in numbered:
        cells: dict[str, str] = {}
        for index, column in enumerate(columns):
            if column is None or column in cells:
                continue  # an unknown or repeated column is ignored
            cells[column] = _text(values[index]) if index < len(values) else ""
        rows.append(SheetRow(number=number, cells=cells))
    return Sheet(kind=kind, columns=[c for c in columns if c], rows=rows)


def _text(value: Any) -> str:
    """A cell as text: Excel numbers without a trailing `.0`, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # What Excel on Windows writes for "CSV (gescheiden door lijstscheidingsteken)".
        return content.decode("cp1252", errors="replace")


def _csv_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # A quoted cell may span lines: the row number is the reader's line number at its start.
        rows = []
        line = 1
        for values in reader:
            rows.append((line, values))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            _(
                "We kunnen dit CSV-bestand niet lezen (rond rij %(row)s). Bewaar het opnieuw "
                "als CSV."
            )
            % {"row": reader.line_num}
        ) from error
    return rows


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    from django.conf import settings
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_not_a_spreadsheet()) from error
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportFileError(_not_a_spreadsheet())
    unpacked = sum(member.file_size for member in members)
    if len(members) > ZIP_MAX_MEMBERS or unpacked > settings.ATLAS_IMPORT_MAX_BYTES * ZIP_MAX_RATIO:
        raise ImportFileError(
            _(
                "Dit Excel-bestand is uitgepakt te groot. Kopieer alleen de rijen met fiches "
                "naar het sjabloon en probeer het opnieuw."
            )
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = [
                (number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise ImportFileError(
            _("We kunnen dit Excel-bestand niet lezen. Bewaar het opnieuw als .xlsx of als CSV.")
        ) from error
    return rows
