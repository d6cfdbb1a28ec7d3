"""Periods counted in months: calendar months, everywhere.

Retention periods and reminders are set in months (`CONTACT_RETENTION_MONTHS`,
`COACHING_RETENTION_MONTHS`, `ATLAS_MESSAGE_RETENTION_MONTHS`, `ATLAS_FRESHNESS_MONTHS`), and
the privacy page promises them in months; "12 months before 27 November 2026" is
27 November 2025, as a person reads it, not 360 or 365 days earlier
(docs/decisions.md: months are calendar months).
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import TypeVar

D = TypeVar("D", bound=date)  # a date or a datetime: what goes in comes out


def months_before(moment: D, months: int) -> D:
    """The same day (and time) `months` calendar months earlier, clamped to the month's end:
    one month before 31 March is 28 (or 29) February."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
