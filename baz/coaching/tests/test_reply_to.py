"""A mail that says "antwoorden kan op deze e-mail" reaches a person; the others don't say it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.coaching.services.sessions import ParticipantInput, session_create
from baz.coaching.services.trajectories import coaching_request_submit, message_post
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.contact.services import contact_message_submit
from baz.mail.models import OutboxMessage
from baz.mail.services import email_queue

SAYS_REPLY = "Antwoorden kan gewoon op deze e-mail."
SAYS_NO_REPLY = "Op deze e-mail antwoorden lukt niet."

pytestmark = pytest.mark.django_db


def _says_reply(message: OutboxMessage) -> bool:
    in_text = SAYS_REPLY in message.body_text
    if message.body_html:
        assert in_text == (SAYS_REPLY in message.body_html), "text and HTML say the same"
    return in_text


def test_the_footer_offers_replying_only_when_someone_reads_the_reply():
    with_reply = email_queue(
        to="an@example.org",
        subject="Vraag",
        template="coaching/email/request_confirmation",
        context={},
        reply_to="coach@example.org",
    )
    without = email_queue(
        to="an@example.org",
        subject="Vraag",
        template="coaching/email/request_confirmation",
        context={},
    )

    assert _says_reply(with_reply)
    assert not _says_reply(without)
    assert SAYS_NO_REPLY in without.body_text
    assert "/contact/" in without.body_text


def test_session_mails_answer_to_the_coach_of_the_trajectory(coach, trajectory_a):
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    session_create(
        user=coach,
        trajectory=trajectory_a,
        topic="Rollen van een lokaal bestuur",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent",
        trainer="Mira Janssens",
        participants=[ParticipantInput(name="Sara Claes", email="sara@example.org")],
    )

    (message,) = OutboxMessage.objects.all()
    assert message.reply_to == ["coach.koen@example.org"]
    assert _says_reply(message)


def test_the_request_confirmation_answers_to_the_coach(coach, trajectory_a, gemeente_a):
    coaching_request_submit(
        municipality=gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag coaching.",
    )

    confirmation = OutboxMessage.objects.get(to=["hanne@example.org"])
    assert confirmation.reply_to == ["coach.koen@example.org"]
    assert _says_reply(confirmation)


def test_the_contact_confirmation_answers_to_the_routed_person(settings):
    settings.CONTACT_FALLBACK_EMAIL = "info@example.org"
    contact_message_submit(
        topic="anders",
        municipality=None,
        name="Jan Peeters",
        email="jan@example.org",
        body="Een vraag over het platform.",
        consent=True,
    )

    confirmation = OutboxMessage.objects.get(to=["jan@example.org"])
    assert confirmation.reply_to == ["info@example.org"]
    assert _says_reply(confirmation)


def test_a_message_about_a_trajectory_asks_to_answer_on_the_platform(coach, member_a, trajectory_a):
    message_post(trajectory_a, member_a, "Wanneer starten we?")

    (message,) = OutboxMessage.objects.all()
    assert message.reply_to == []
    assert not _says_reply(message)
    assert SAYS_NO_REPLY in message.body_text
