"""Coaching mail in the outbox: evaluation links are secret, anonymisation reaches the mail."""

from baz.coaching.services.agreements import trajectory_anonymise
from baz.coaching.services.sessions import session_follow_up_send
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.models import OutboxMessage
from baz.mail.services import email_queue


def test_the_evaluation_link_is_a_secret_message(coach, held_session):
    session_follow_up_send(user=coach, session=held_session)

    assert {m.secret for m in OutboxMessage.objects.all()} == {True}


def test_anonymising_a_trajectory_erases_its_mail_in_the_outbox(coach, held_session):
    session_follow_up_send(user=coach, session=held_session)
    invitation = email_queue(
        to=["sara@example.org", coach.email],
        subject="Uitnodiging: Wat zijn burgerinitiatieven?",
        template="mail/test_message",
        context={"name": "Sara Claes", "note": "Tot dan!"},
        related=f"coaching.session:{held_session.pk}",
    )
    other = email_queue(
        to="sara@example.org",
        subject="Iets anders",
        template="mail/test_message",
        context={"name": "Sara", "note": ""},
        related="atlas.entry:1",
    )

    trajectory_anonymise(trajectory=held_session.trajectory)

    invitation.refresh_from_db()
    assert invitation.to == [coach.email]
    assert (invitation.subject, invitation.body_text) == ("", "")
    addresses = {a for m in OutboxMessage.objects.exclude(pk=other.pk) for a in m.to}
    assert "sara@example.org" not in addresses
    assert "tom@example.org" not in addresses
    other.refresh_from_db()
    assert other.body_text, "mail about other things stays"
