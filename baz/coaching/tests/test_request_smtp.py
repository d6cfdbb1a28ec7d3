"""The request and message mails reach a real local SMTP server through the outbox worker."""

import pytest
from django.utils import timezone

from baz.coaching.models import State
from baz.coaching.services.trajectories import (
    coaching_request_invite,
    coaching_request_submit,
    message_post,
    trajectory_transition,
)
from baz.mail.services import outbox_send_due
from baz.mail.tests.test_smtp_delivery import smtp_server  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox_delivery(settings):
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_request_mails_invitation_and_message_are_delivered(
    atlas_gemeente_a,
    coaching_coach,
    atlas_member_a,
    smtp_server,  # noqa: F811
):
    coaching_request = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="We willen initiatieven beter steunen.",
    )
    trajectory = coaching_request.trajectory
    trajectory_transition(trajectory, State.INTAKE, coaching_coach, "Kennismaking gepland.")
    coaching_request_invite(coaching_request=coaching_request, actor=coaching_coach)
    message_post(trajectory, coaching_coach, "De intake is op 3 maart om 10 uur.")

    assert outbox_send_due(now=timezone.now()).sent == 4
    by_subject = {m["Subject"]: m for m in smtp_server.received}
    confirmation = by_subject["We kregen je aanvraag voor een coachingtraject"]
    assert confirmation["To"] == "hanne@example.org"
    assert "Gent" in confirmation.get_body(preferencelist=("plain",)).get_content()
    notification = by_subject["Nieuwe aanvraag voor coaching: Gent"]
    assert notification["To"] == coaching_coach.email
    assert notification["Reply-To"] == "hanne@example.org"
    invitation = by_subject["Je bent uitgenodigd op BurgersAanZet"]
    assert invitation["To"] == "hanne@example.org"
    message = by_subject["Nieuw bericht over het coachingtraject van Gent"]
    assert message["To"] == atlas_member_a.email
    assert "3 maart om 10 uur" in message.get_body(preferencelist=("plain",)).get_content()
