"""`manage.py atlas_retention`: relayed messages and handled reports lose personal data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from baz.atlas.models import ContactRelay, CorrectionRequest, CorrectionRequestStatus
from baz.atlas.tests.factories import EntryFactory
from baz.atlas.visitor_services import contact_relay_create, correction_request_create
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox_backend(settings):
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
    settings.ATLAS_MESSAGE_RETENTION_MONTHS = 6


def _relay(entry, *, days_ago, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        relay = contact_relay_create(
            entry=entry,
            sender_name="Piet Peeters",
            sender_email="piet@example.org",
            message="Mag ik meedoen met de soep?",
            key=f"k{days_ago}",
        )
    ContactRelay.objects.filter(pk=relay.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return relay


def _report(entry, *, handled_days_ago):
    report = correction_request_create(
        entry=entry, message="Het adres klopt niet", reporter_email="an@example.org", key="r"
    )
    if handled_days_ago is not None:
        CorrectionRequest.objects.filter(pk=report.pk).update(
            status=CorrectionRequestStatus.HANDLED,
            handled_at=timezone.now() - timedelta(days=handled_days_ago),
            handled_note="Adres aangepast.",
        )
    return report


def _run():
    out = StringIO()
    call_command("atlas_retention", stdout=out)
    return out.getvalue()


def test_old_relays_lose_names_addresses_and_text_also_in_the_outbox(
    django_capture_on_commit_callbacks,
):
    entry = EntryFactory(contact_email="eigenaar@example.org")
    old = _relay(
        entry, days_ago=200, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    recent = _relay(
        entry, days_ago=10, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    old_mail = OutboxMessage.objects.get(related=f"atlas.relay:{old.pk}")
    assert old_mail.reply_to == ["piet@example.org"]

    assert "1 doorgestuurde berichten" in _run()

    old.refresh_from_db()
    assert (old.sender_name, old.sender_email, old.message, old.recipient_email) == ("", "", "", "")
    assert old.queued_at is not None, "that it was queued stays"
    old_mail.refresh_from_db()
    assert old_mail.reply_to == []
    assert old_mail.body_text == ""
    recent.refresh_from_db()
    assert recent.sender_email == "piet@example.org"
    assert OutboxMessage.objects.get(related=f"atlas.relay:{recent.pk}").body_text
    assert "0 doorgestuurde berichten" in _run()


def test_handled_reports_lose_text_and_address_after_the_period_open_ones_stay():
    entry = EntryFactory()
    old = _report(entry, handled_days_ago=200)
    recent = _report(entry, handled_days_ago=10)
    still_open = _report(entry, handled_days_ago=None)
    CorrectionRequest.objects.filter(pk=still_open.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )

    assert "1 afgehandelde foutmeldingen" in _run()

    old.refresh_from_db()
    assert (old.message, old.reporter_email) == ("", "")
    assert old.handled_note == "Adres aangepast."
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.message == "Het adres klopt niet"
