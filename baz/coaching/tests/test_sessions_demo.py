"""The demo content of the phase parts: filled once, without sending any mail."""

from io import StringIO

from baz.coaching import demo
from baz.coaching.models import Agreement, Material, TrainingSession
from baz.coaching.selectors.agreements import trajectory_report
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.models import OutboxMessage


def test_the_demo_fills_trajectories_once_and_sends_nothing(trajectory_a, trajectory_b):
    created = demo.load_phase_parts(stdout=StringIO())
    again = demo.load_phase_parts(stdout=StringIO())

    assert sorted(created) == ["vorming en afspraken voor Gent", "vorming en afspraken voor Leuven"]
    assert again == []
    assert TrainingSession.objects.filter(trajectory=trajectory_a).count() == 2
    assert Agreement.objects.filter(trajectory=trajectory_a).count() == 3
    assert Material.objects.get(trajectory=trajectory_a).file.read().startswith(b"%PDF")
    assert not OutboxMessage.objects.exists()
    report = trajectory_report(trajectory=trajectory_a)
    assert (report.attended_total, report.participants_total) == (3, 4)
    assert report.evaluation.count == 3
