"""Cells of the CSV exports that people open in a spreadsheet program.

Shared by every CSV export (the atlas open data, the coaching trajectories), so that all of
them defuse formula injection in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_cell(value: Any) -> str:
    """The text of one cell: lists joined with ";", None empty, and a cell that a spreadsheet
    would run as a formula prefixed with an apostrophe, so it is shown as text."""
    if value is None:
        text = ""
    elif isinstance(value, list | tuple):
        text = ";".join(str(item) for item in value)
    else:
        text = str(value)
    if text[:1] in FORMULA_STARTS:
        text = "'" + text
    return text


def csv_row(values: Iterable[Any]) -> list[str]:
    return [csv_cell(value) for value in values]
