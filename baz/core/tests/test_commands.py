"""The management commands that `make run` calls."""

from io import StringIO

import pytest
from django.core.management import call_command

from baz.core.models import HomePage, Municipality


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.usefixtures("reference_data")
def test_load_reference_data_reports_nothing_to_do_when_loaded(db):
    assert run("load_reference_data") == "Referentiegegevens: niets te doen\n"


@pytest.mark.usefixtures("reference_data")
def test_load_reference_data_dry_run_says_so_and_saves_nothing(db):
    Municipality.objects.get(refnis="44021").delete()

    output = run("load_reference_data", "--dry-run")

    assert output.startswith("[proefdraai] Referentiegegevens: gemeenten: 1 nieuw")
    assert not Municipality.objects.filter(refnis="44021").exists()


def test_load_demo_data_is_idempotent(db):
    first = run("load_demo_data")
    second = run("load_demo_data")

    assert "Lokale besturen" in first
    assert "niets nieuw" in second
    assert HomePage.objects.count() == 1


def test_load_demo_data_dry_run_creates_nothing(db):
    output = run("load_demo_data", "--dry-run")

    assert "[proefdraai] Demo-inhoud" in output
    assert not HomePage.objects.exists()
