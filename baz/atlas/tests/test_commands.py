"""The atlas's demo content and the synthetic bench data, through their commands."""

from io import StringIO

import pytest
from django.core.management import call_command

from baz.atlas.demo import DEMO_EMAIL
from baz.atlas.management.commands.seed_bench_data import bench_entries
from baz.atlas.models import Entry, EntryKind
from baz.atlas.richtext import description_after_summary
from baz.atlas.selectors.municipalities import baz_active_municipality_ids
from baz.atlas.tests.factories import EntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_data_has_all_kinds_across_many_municipalities_and_is_idempotent():
    first = run("load_demo_data")
    demo = Entry.objects.published().filter(submitter_email=DEMO_EMAIL)

    assert "atlasfiches" in first
    assert demo.count() >= 40
    assert set(demo.values_list("kind", flat=True)) == set(EntryKind.values)
    assert demo.values("municipality").distinct().count() >= 12
    assert demo.filter(image__isnull=False).exists()
    assert not demo.exclude(contact_email__endswith="@example.org").exists()
    assert baz_active_municipality_ids()

    count = Entry.objects.count()
    assert "niets nieuw" in run("load_demo_data")
    assert Entry.objects.count() == count


INITIATIVE_WORDING = ("we zijn begonnen", "een paar buren", "vrijwilligers mee", "het idee kwam")


def test_demo_entries_have_texts_of_their_own_kind_that_do_not_repeat_the_summary():
    run("load_demo_data")
    demo = Entry.objects.published().filter(submitter_email=DEMO_EMAIL)

    profiles = demo.filter(kind=EntryKind.LOCAL_GOVERNMENT)
    assert profiles.count() >= 10
    for profile in profiles:
        text = " ".join([profile.description, profile.how_to_join, profile.summary]).lower()
        assert not [words for words in INITIATIVE_WORDING if words in text], profile.name
        assert profile.municipality.name_nl in profile.description
        assert profile.contact_email.endswith("@example.org")
    for kind in (EntryKind.INITIATIVE, EntryKind.ORGANISATION):
        descriptions = set(demo.filter(kind=kind).values_list("description", flat=True))
        assert len(descriptions) > 1, kind
    organisations = demo.filter(kind=EntryKind.ORGANISATION)
    assert not organisations.filter(description__icontains="we zijn begonnen").exists()
    for entry in demo:
        assert description_after_summary(entry.description, entry.summary) == (
            entry.description,
            True,
        ), entry.name


def test_seed_bench_data_replaces_only_its_own_rows():
    own = EntryFactory()

    run("seed_bench_data", "--initiatives", "300")
    run("seed_bench_data", "--initiatives", "120")

    assert bench_entries().count() == 120
    assert Entry.objects.filter(pk=own.pk).exists()
    assert bench_entries().filter(themes__isnull=False).count() == 120
    assert Entry.objects.filter(search_text__contains="synthetische").count() == 120


def test_seed_bench_data_dry_run_changes_nothing():
    output = run("seed_bench_data", "--initiatives", "50", "--dry-run")

    assert output.startswith("[proefdraai]")
    assert bench_entries().count() == 0
