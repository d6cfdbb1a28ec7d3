"""`manage.py atlas_digest`: one mail per municipality user, nothing twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from baz.atlas.services.moderation import entry_approve
from baz.atlas.services.proposals import entry_confirm_submission, entry_propose
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]


def _run(*args):
    out = StringIO()
    call_command("atlas_digest", *args, stdout=out)
    return out.getvalue()


def _submit(municipality, name):
    _entry, token = entry_propose(
        kind="burgerinitiatief",
        data={"name": name, "summary": "Samen.", "municipality": municipality},
        submitter_email="an@example.org",
    )
    return entry_confirm_submission(token=token)


def test_each_municipality_user_hears_about_their_own_municipality_once(
    atlas_gemeente_a, atlas_gemeente_b, atlas_member_a, atlas_member_b, atlas_redactie
):
    _submit(atlas_gemeente_a, "Soep in Gent")
    published = _submit(atlas_gemeente_a, "Wandelclub Gent")
    entry_approve(entry=published, user=atlas_redactie)
    OutboxMessage.objects.all().delete()

    assert "Gemaild naar: 1" in _run()

    message = OutboxMessage.objects.get()
    assert message.to == [atlas_member_a.email]
    assert "Soep in Gent" in message.body_text
    assert "Wandelclub Gent" in message.body_text

    assert "Gemaild naar: 0" in _run()
    assert OutboxMessage.objects.count() == 1


def test_a_later_proposal_comes_in_the_next_digest(atlas_gemeente_a, atlas_member_a):
    _submit(atlas_gemeente_a, "Eerste")
    _run()
    _submit(atlas_gemeente_a, "Tweede")

    _run()

    latest = OutboxMessage.objects.order_by("-pk").first()
    assert "Tweede" in latest.body_text
    assert "Eerste" not in latest.body_text


def test_a_dry_run_sends_nothing_and_remembers_nothing(atlas_gemeente_a, atlas_member_a):
    _submit(atlas_gemeente_a, "Soep")
    OutboxMessage.objects.all().delete()

    assert "Zou mailen naar: 1" in _run("--dry-run")
    assert not OutboxMessage.objects.exists()
    assert "Gemaild naar: 1" in _run()
