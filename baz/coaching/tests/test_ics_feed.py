"""The private calendar feed and the per-session .ics download, parsed back with icalendar."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from baz.coaching.ical import session_uid
from baz.coaching.models import Trajectory
from baz.coaching.services.sessions import (
    calendar_token_revoke,
    calendar_token_rotate,
    session_cancel,
    token_hash,
)
from baz.coaching.tests.phases_fixtures import *  # noqa: F403


def test_the_feed_holds_every_session_of_the_trajectory(
    client, coach, held_session, upcoming_session
):
    token = calendar_token_rotate(user=coach, trajectory=held_session.trajectory)
    session_cancel(user=coach, session=upcoming_session)

    response = client.get(f"/coaching/agenda/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {session_uid(held_session), session_uid(upcoming_session)}
    assert str(events[session_uid(held_session)]["STATUS"]) == "CONFIRMED"
    cancelled = events[session_uid(upcoming_session)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1
    assert "Gent" in str(calendar["X-WR-CALNAME"])


def test_only_the_hash_of_the_feed_token_is_stored(coach, trajectory_a):
    token = calendar_token_rotate(user=coach, trajectory=trajectory_a)

    stored = Trajectory.objects.get(pk=trajectory_a.pk).calendar_token_hash
    assert stored == token_hash(token)
    assert token not in stored


def test_a_rotated_or_revoked_token_gives_404(client, member_a, trajectory_a, held_session):
    old = calendar_token_rotate(user=member_a, trajectory=trajectory_a)
    new = calendar_token_rotate(user=member_a, trajectory=trajectory_a)

    assert client.get(f"/coaching/agenda/{old}.ics").status_code == 404
    assert client.get(f"/coaching/agenda/{new}.ics").status_code == 200

    calendar_token_revoke(user=member_a, trajectory=trajectory_a)
    assert client.get(f"/coaching/agenda/{new}.ics").status_code == 404
    assert client.get("/coaching/agenda/.ics").status_code == 404
    assert client.get("/coaching/agenda/willekeurig.ics").status_code == 404


def test_a_user_of_another_municipality_cannot_make_a_feed_link(member_b, trajectory_a):
    with pytest.raises(PermissionDenied):
        calendar_token_rotate(user=member_b, trajectory=trajectory_a)


def test_the_workspace_page_shows_the_new_link_once(client, member_a, trajectory_a):
    client.force_login(member_a)
    url = f"/mijn/coaching/{trajectory_a.pk}/agendalink/"

    response = client.post(url, {"action": "rotate"})

    assert response.status_code == 200
    feed = re.search(r"http://testserver/coaching/agenda/([\w-]+)\.ics", response.content.decode())
    assert feed
    assert Trajectory.objects.get(pk=trajectory_a.pk).calendar_token_hash == token_hash(
        feed.group(1)
    )
    assert feed.group(0) not in client.get(url).content.decode()

    response = client.post(url, {"action": "revoke", "next": "/mijn/"})
    assert (response.status_code, response.url) == (302, "/mijn/")
    assert Trajectory.objects.get(pk=trajectory_a.pk).calendar_token_hash == ""


def test_the_feed_link_page_is_404_for_another_municipality_and_login_for_anonymous(
    client, member_b, trajectory_a
):
    url = f"/mijn/coaching/{trajectory_a.pk}/agendalink/"
    response = client.post(url, {"action": "rotate"})
    assert response.status_code == 302
    assert "/login" in response.url or "aanmelden" in response.url

    client.force_login(member_b)
    assert client.post(url, {"action": "rotate"}).status_code == 404
    assert client.get(url).status_code == 404
    assert Trajectory.objects.get(pk=trajectory_a.pk).calendar_token_hash == ""


def test_a_session_downloads_as_ics_for_its_municipality_only(
    client, member_a, member_b, upcoming_session
):
    url = f"/mijn/coaching/vorming/{upcoming_session.pk}.ics"
    assert client.get(url).status_code == 302

    client.force_login(member_b)
    assert client.get(url).status_code == 404

    client.force_login(member_a)
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == session_uid(upcoming_session)
    assert str(event["URL"]) == "https://meet.example.org/baz-gent"
