"""Sessions in the Wagtail admin: editing sends updates, the form shows the current values."""

from datetime import timedelta

from django.utils import timezone

from baz.coaching.models import SessionParticipant, TrainingSession
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.models import OutboxMessage


def test_editing_a_session_in_the_admin_updates_everyone(
    client, login_verified, coach, member_a, upcoming_session
):
    SessionParticipant.objects.create(
        session=upcoming_session, name="Ines Wouters", email=member_a.email, user=member_a
    )
    SessionParticipant.objects.create(
        session=upcoming_session, name="Sara Claes", email="sara@example.org"
    )
    login_verified(client, coach)
    url = f"/beheer/coaching/vorming/{upcoming_session.pk}/"

    form = client.get(url).content.decode()
    assert "Ondersteunen zonder over te nemen" in form
    assert "Sara Claes, sara@example.org" in form

    start = timezone.localtime(upcoming_session.starts_at + timedelta(days=1))
    response = client.post(
        url,
        {
            "topic": "Ondersteunen zonder over te nemen",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "location": "",
            "online_url": "https://meet.example.org/baz-gent",
            "trainer": "Mira Janssens",
            "description": "",
            "members": [str(member_a.pk)],
            "others": "Sara Claes, sara@example.org",
        },
    )

    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.sequence == 1
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == [
        member_a.email,
        "sara@example.org",
    ]
    assert all(m.subject.startswith("Gewijzigd:") for m in OutboxMessage.objects.all())


def test_a_cancelled_session_cannot_be_edited(client, login_verified, coach, upcoming_session):
    TrainingSession.objects.filter(pk=upcoming_session.pk).update(cancelled_at=timezone.now())
    login_verified(client, coach)

    response = client.get(f"/beheer/coaching/vorming/{upcoming_session.pk}/")

    assert response.status_code == 302
