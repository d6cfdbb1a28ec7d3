"""Reminders for agreements: before the deadline and once overdue, idempotent, with --dry-run."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command

from baz.coaching.models import Agreement, AgreementParty, AgreementStatus, State
from baz.coaching.services.agreements import agreement_reminders_send
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement
from baz.mail.models import OutboxMessage

TODAY = date(2027, 3, 1)


def _run(today=TODAY, *args):
    out = StringIO()
    call_command("coaching_reminders", f"--today={today.isoformat()}", *args, stdout=out)
    return out.getvalue()


def test_a_reminder_goes_once_before_the_deadline(trajectory_a):
    agreement = make_agreement(
        trajectory_a, owner_email="ines.gent@example.org", deadline=TODAY + timedelta(days=7)
    )

    output = _run()
    _run()
    _run(TODAY + timedelta(days=1))

    (message,) = OutboxMessage.objects.all()
    assert message.to == ["ines.gent@example.org"]
    assert message.subject == f"Deadline nadert: {agreement.title}"
    assert "1 herinneringen voor de deadline" in output
    agreement.refresh_from_db()
    assert agreement.reminded_before_for == agreement.deadline


def test_nothing_is_sent_too_early(trajectory_a):
    make_agreement(trajectory_a, owner_email="a@example.org", deadline=TODAY + timedelta(days=8))

    _run()

    assert not OutboxMessage.objects.exists()


def test_an_overdue_agreement_is_reminded_once(trajectory_a):
    agreement = make_agreement(
        trajectory_a, owner_email="ines.gent@example.org", deadline=TODAY - timedelta(days=1)
    )

    _run()
    _run()
    _run(TODAY + timedelta(days=10))

    (message,) = OutboxMessage.objects.all()
    assert message.subject == f"Deadline voorbij: {agreement.title}"
    agreement.refresh_from_db()
    assert agreement.reminded_overdue_for == agreement.deadline
    assert agreement.reminded_before_for is None


def test_before_and_overdue_are_two_separate_reminders(trajectory_a):
    make_agreement(trajectory_a, owner_email="a@example.org", deadline=TODAY + timedelta(days=3))

    _run()
    _run(TODAY + timedelta(days=4))

    subjects = sorted(m.subject.split(":")[0] for m in OutboxMessage.objects.all())
    assert subjects == ["Deadline nadert", "Deadline voorbij"]


def test_a_moved_deadline_earns_a_new_reminder(trajectory_a):
    agreement = make_agreement(
        trajectory_a, owner_email="a@example.org", deadline=TODAY + timedelta(days=2)
    )
    _run()
    Agreement.objects.filter(pk=agreement.pk).update(deadline=TODAY + timedelta(days=5))

    _run()
    _run()

    assert OutboxMessage.objects.count() == 2


def test_done_and_dropped_agreements_are_never_reminded(trajectory_a):
    for status in (AgreementStatus.DONE, AgreementStatus.DROPPED):
        make_agreement(trajectory_a, owner_email="a@example.org", status=status, deadline=TODAY)
        make_agreement(
            trajectory_a,
            owner_email="a@example.org",
            status=status,
            deadline=TODAY - timedelta(days=3),
        )

    _run()

    assert not OutboxMessage.objects.exists()


def test_a_dry_run_sends_and_marks_nothing(trajectory_a):
    agreement = make_agreement(trajectory_a, owner_email="a@example.org", deadline=TODAY)

    output = _run(TODAY, "--dry-run")

    assert "[proefdraai] 1 herinneringen voor de deadline" in output
    assert not OutboxMessage.objects.exists()
    agreement.refresh_from_db()
    assert agreement.reminded_before_for is None


def test_without_an_owner_address_the_municipality_or_the_coaches_are_mailed(
    trajectory_a, member_a, coach
):
    make_agreement(trajectory_a, title="Van de gemeente", deadline=TODAY)
    make_agreement(
        trajectory_a, title="Van BAZ", party=AgreementParty.BAZ, owner_name="Koen", deadline=TODAY
    )

    agreement_reminders_send(today=TODAY)

    recipients = {m.subject: m.to for m in OutboxMessage.objects.all()}
    assert recipients == {
        "Deadline nadert: Van de gemeente": [member_a.email],
        "Deadline nadert: Van BAZ": [coach.email],
    }


def test_stopped_trajectories_get_no_reminders(trajectory_a):
    make_agreement(trajectory_a, owner_email="a@example.org", deadline=TODAY)
    trajectory_a.state = State.STOPPED
    trajectory_a.save()

    _run()

    assert not OutboxMessage.objects.exists()
