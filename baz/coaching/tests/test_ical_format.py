"""The calendar feed's text, as calendar programs read it (fences the icalendar API we use)."""

from types import SimpleNamespace

from icalendar import Calendar

from baz.coaching import ical


def _feed() -> bytes:
    trajectory = SimpleNamespace(municipality=SimpleNamespace(name_nl="Gent"))
    return ical.trajectory_feed_ics(trajectory=trajectory, sessions=[])  # type: ignore[arg-type]


def test_the_feed_asks_calendar_programs_to_refresh_every_six_hours():
    text = _feed().decode()

    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    assert "\r\nX-WR-CALNAME:Coaching BurgersAanZet · Gent\r\n" in text


def test_the_feed_parses_back_as_a_published_calendar():
    calendar = Calendar.from_ical(_feed())

    assert calendar["method"] == "PUBLISH"
    assert calendar["prodid"] == ical.PRODID
    assert calendar["version"] == "2.0"
    assert not calendar.walk("VEVENT")
