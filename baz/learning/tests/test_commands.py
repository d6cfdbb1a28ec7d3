"""purge_reflections removes what nobody can open any more."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from baz.learning import services
from baz.learning.models import Reflection

pytestmark = pytest.mark.django_db


def _three_reflections(settings):
    settings.REFLECTION_TOKEN_IDLE_DAYS = 90
    active = services.reflection_start().reflection
    expired = services.reflection_start().reflection
    Reflection.objects.filter(pk=expired.pk).update(
        last_activity_at=timezone.now() - timedelta(days=91)
    )
    revoked = services.reflection_revoke(reflection=services.reflection_start().reflection)
    return active, expired, revoked


def test_purge_deletes_expired_and_revoked_reflections_only(settings, capsys):
    active, _expired, _revoked = _three_reflections(settings)

    call_command("purge_reflections")

    assert list(Reflection.objects.all()) == [active]
    assert "Reflecties verwijderd: 2" in capsys.readouterr().out


def test_purge_dry_run_deletes_nothing(settings, capsys):
    _three_reflections(settings)

    call_command("purge_reflections", "--dry-run")

    assert Reflection.objects.count() == 3
    assert "[proefdraai] Reflecties verwijderd: 2" in capsys.readouterr().out
