"""The message thread: who may write, and who is told through the outbox."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from baz.accounts.tests.factories import UserFactory
from baz.coaching.models import Message
from baz.coaching.services.trajectories import message_post
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_municipality_message_goes_to_the_assigned_coaches_only(
    coaching_trajectory_a, atlas_member_a, coaching_coach
):
    UserFactory(email="andere.coach@example.org", groups=["Coach"])
    coaching_trajectory_a.coaches.add(coaching_coach)

    message = message_post(coaching_trajectory_a, atlas_member_a, "  Wanneer is de intake?  ")

    assert message.body == "Wanneer is de intake?"
    assert message.from_baz is False
    assert message.author == atlas_member_a
    mail = OutboxMessage.objects.get(related=f"coaching.message:{message.pk}")
    assert mail.to == [coaching_coach.email]
    assert "Wanneer is de intake?" in mail.body_text
    assert f"/beheer/coaching/trajecten/{coaching_trajectory_a.pk}/" in mail.body_text


def test_without_assigned_coaches_every_coach_is_told(
    coaching_trajectory_a, atlas_member_a, coaching_coach
):
    other = UserFactory(email="andere.coach@example.org", groups=["Coach"])
    UserFactory(email="oud.coach@example.org", groups=["Coach"], is_active=False)

    message = message_post(coaching_trajectory_a, atlas_member_a, "Hallo")

    mail = OutboxMessage.objects.get(related=f"coaching.message:{message.pk}")
    assert sorted(mail.to) == sorted([coaching_coach.email, other.email])


def test_a_coach_message_goes_to_the_municipality_users_and_not_to_another_municipality(
    coaching_trajectory_a, atlas_member_a, atlas_member_b, coaching_coach
):
    message = message_post(coaching_trajectory_a, coaching_coach, "De intake is op 3 maart.")

    assert message.from_baz is True
    assert message.author_name == "Carla Coach"
    mail = OutboxMessage.objects.get(related=f"coaching.message:{message.pk}")
    assert mail.to == [atlas_member_a.email]
    assert f"/mijn/coaching/{coaching_trajectory_a.pk}/" in mail.body_text


def test_a_user_of_another_municipality_cannot_write(coaching_trajectory_a, atlas_member_b):
    with pytest.raises(PermissionDenied):
        message_post(coaching_trajectory_a, atlas_member_b, "Hallo")

    assert not Message.objects.exists()


def test_an_empty_message_is_refused(coaching_trajectory_a, atlas_member_a):
    with pytest.raises(ValidationError):
        message_post(coaching_trajectory_a, atlas_member_a, "   ")

    assert not Message.objects.exists()
    assert not OutboxMessage.objects.exists()
