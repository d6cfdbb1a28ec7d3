"""Months are calendar months, for every retention period and reminder."""

from datetime import UTC, date, datetime

import pytest

from baz.core.dates import months_before


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 11, 27, 9, 0, tzinfo=UTC), 12, datetime(2025, 11, 27, 9, 0, tzinfo=UTC)),
        (datetime(2026, 3, 31, 9, 0, tzinfo=UTC), 1, datetime(2026, 2, 28, 9, 0, tzinfo=UTC)),
        (datetime(2026, 1, 15, 9, 0, tzinfo=UTC), 2, datetime(2025, 11, 15, 9, 0, tzinfo=UTC)),
        (datetime(2028, 3, 31, 9, 0, tzinfo=UTC), 13, datetime(2027, 2, 28, 9, 0, tzinfo=UTC)),
        (datetime(2028, 3, 31, 9, 0, tzinfo=UTC), 1, datetime(2028, 2, 29, 9, 0, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_a_date_stays_a_date():
    assert months_before(date(2026, 12, 3), 12) == date(2025, 12, 3)
