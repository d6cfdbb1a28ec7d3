"""iCalendar files of training sessions: one invitation per participant, and the private feed.

Times are written in UTC (`...Z`), so no VTIMEZONE block is needed and every calendar program
shows the local time itself. The UID of a session never changes; SEQUENCE is the session's
`sequence`, raised on every change, so a calendar replaces the event instead of adding one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from baz.coaching.models import SessionParticipant, TrainingSession, Trajectory

PRODID = "-//BurgersAanZet//Coaching//NL"
FEED_REFRESH_INTERVAL = timedelta(hours=6)  # written as REFRESH-INTERVAL;VALUE=DURATION:PT6H
METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


def _domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "burgersaanzet.example.org"


def session_uid(session: TrainingSession) -> str:
    """Stable for the life of the session, and unique across the platform."""
    return f"coaching-sessie-{session.pk}@{_domain()}"


def _calendar(*, method: str | None, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def _event(session: TrainingSession, *, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.topic)
    location = session.location or session.online_url
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    description = "\n\n".join(
        part
        for part in (
            session.description,
            f"Trainer: {session.trainer}" if session.trainer else "",
            f"Online deelnemen: {session.online_url}" if session.online_url else "",
        )
        if part
    )
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_from_address()}")
    organizer.params["cn"] = vText("BurgersAanZet")
    event.add("organizer", organizer)
    return event


def _from_address() -> str:
    address = str(settings.DEFAULT_FROM_EMAIL)
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return address.strip()


def session_invitation_ics(
    *, session: TrainingSession, participant: SessionParticipant, method: str = METHOD_REQUEST
) -> bytes:
    """The `.ics` attached to one participant's invitation (REQUEST) or cancellation (CANCEL)."""
    cancelled = method == METHOD_CANCEL
    calendar = _calendar(method=method, name=session.topic)
    event = _event(session, cancelled=cancelled)
    attendee = vCalAddress(f"mailto:{participant.email}")
    if participant.name:
        attendee.params["cn"] = vText(participant.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def session_download_ics(*, session: TrainingSession) -> bytes:
    """One session as a plain calendar file to open or import (no method, no attendees)."""
    calendar = _calendar(method="PUBLISH", name=session.topic)
    calendar.add_component(_event(session, cancelled=session.cancelled_at is not None))
    return bytes(calendar.to_ical())


def trajectory_feed_ics(*, trajectory: Trajectory, sessions: Iterable[TrainingSession]) -> bytes:
    """The private feed: every session of the trajectory; cancelled ones marked CANCELLED."""
    name = f"Coaching BurgersAanZet · {trajectory.municipality.name_nl}"
    calendar = _calendar(method="PUBLISH", name=name)
    # icalendar 7 types REFRESH-INTERVAL (RFC 7986) as a duration: it takes a timedelta.
    calendar.add("refresh-interval", FEED_REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    for session in sessions:
        calendar.add_component(_event(session, cancelled=session.cancelled_at is not None))
    return bytes(calendar.to_ical())
