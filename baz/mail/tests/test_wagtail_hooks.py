"""The outbox in the Wagtail admin at /beheer/e-mail/."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from baz.mail.models import OutboxMessage
from baz.mail.tests.factories import OutboxMessageFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, login_verified):
    login_verified(client, SuperuserFactory())
    return client


def editor_with(*codenames):
    """A Wagtail editor (admin access) with only the given outbox permissions."""
    group = Group.objects.create(name="Alleen e-mail")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = UserFactory()
    user.groups.add(group)
    return user


def test_the_outbox_list_shows_state_recipient_subject_attempts_and_error(
    staff_client, django_assert_max_num_queries
):
    OutboxMessageFactory(subject="Je initiatief is gepubliceerd", to=["lien@example.org"])
    OutboxMessageFactory.create_batch(5)
    OutboxMessageFactory(
        subject="Uitnodiging vorming",
        state=OutboxMessage.State.FAILED,
        attempts=3,
        last_error="SMTPRecipientsRefused: 550 No such user",
    )

    with django_assert_max_num_queries(20):
        response = staff_client.get("/beheer/e-mail/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Je initiatief is gepubliceerd" in content
    assert "lien@example.org" in content
    assert "Mislukt" in content
    assert "550 No such user" in content
    assert "Opnieuw versturen" in content
    assert reverse("outbox:inspect", args=[OutboxMessage.objects.first().pk]) in content


def test_the_outbox_list_has_no_button_to_add_a_message(staff_client):
    response = staff_client.get(reverse("outbox:index"))

    assert response.status_code == 200
    assert "/beheer/e-mail/new/" not in response.content.decode()


def test_the_outbox_list_filters_by_state(staff_client):
    OutboxMessageFactory(subject="Al verzonden", state=OutboxMessage.State.SENT)
    OutboxMessageFactory(subject="Nog wachtend")

    response = staff_client.get(reverse("outbox:index"), {"state": "sent"})

    content = response.content.decode()
    assert "Al verzonden" in content
    assert "Nog wachtend" not in content


def test_the_outbox_list_searches_subject_and_recipient(staff_client):
    OutboxMessageFactory(subject="Verslag analyse", to=["gent@example.org"])
    OutboxMessageFactory(subject="Nieuwsbrief", to=["leuven@example.org"])

    response = staff_client.get(reverse("outbox:index"), {"q": "gent@"})

    content = response.content.decode()
    assert "Verslag analyse" in content
    assert "Nieuwsbrief" not in content


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("outbox:index"))

    assert response.status_code == 302
    assert "/aanmelden/" in response["Location"]


def test_an_editor_without_outbox_permission_cannot_see_the_outbox(client, login_verified):
    login_verified(client, editor_with())

    response = client.get(reverse("outbox:index"))

    assert response.status_code in {302, 403}
    assert OutboxMessage.objects.count() == 0


def test_the_detail_page_shows_the_whole_message_read_only(staff_client):
    message = OutboxMessageFactory(
        subject="Je aanvraag", body_text="Dag Jan, tot dan.", last_error="timeout"
    )

    response = staff_client.get(reverse("outbox:inspect", args=[message.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Dag Jan, tot dan." in content
    assert "timeout" in content
    assert reverse("outbox:resend", args=[message.pk]) in content


def test_there_is_no_edit_or_delete_view(staff_client):
    message = OutboxMessageFactory()

    assert staff_client.get(f"/beheer/e-mail/edit/{message.pk}/").status_code == 404
    assert staff_client.get(f"/beheer/e-mail/delete/{message.pk}/").status_code == 404


def test_resend_asks_for_confirmation_then_queues_the_message_again(staff_client):
    message = OutboxMessageFactory(state=OutboxMessage.State.FAILED, attempts=3)
    url = reverse("outbox:resend", args=[message.pk])

    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    assert "Ja, verstuur opnieuw" in confirm.content.decode()
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED, "GET changes nothing"

    response = staff_client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("outbox:index")
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 0


def test_an_editor_who_may_only_view_cannot_resend(client, login_verified):
    login_verified(client, editor_with("view_outboxmessage"))
    message = OutboxMessageFactory(state=OutboxMessage.State.FAILED, attempts=3)

    assert client.get(reverse("outbox:index")).status_code == 200
    response = client.post(reverse("outbox:resend", args=[message.pk]))

    assert response.status_code in {302, 403}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


def test_an_editor_with_change_permission_can_resend(client, login_verified):
    login_verified(client, editor_with("change_outboxmessage"))
    message = OutboxMessageFactory(state=OutboxMessage.State.FAILED, attempts=3)

    response = client.post(reverse("outbox:resend", args=[message.pk]))

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED


def test_the_admin_menu_has_an_email_item_for_staff(staff_client):
    response = staff_client.get("/beheer/")

    assert response.status_code == 200
    assert "/beheer/e-mail/" in response.content.decode()
