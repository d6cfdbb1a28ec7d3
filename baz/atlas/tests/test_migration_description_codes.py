"""Migration 0016: descriptions stored with escaped tag codes get the formatting they meant.

The migration's function runs against the current models, which for `Entry.description` and
Wagtail's `Revision` are the same as the historical ones (migrating the whole project back
and forth would take minutes).
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from baz.atlas.models import Entry
from baz.atlas.tests.factories_contribute import ContributeEntryFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("baz.atlas.migrations.0016_description_tag_codes_as_formatting")

ESCAPED = '<p>Een &lt;strong&gt;vet&lt;/strong&gt; woord<br>&lt;a href="https://x.be"&gt;site&lt;/a&gt;</p>'
MEANT = (
    '<p>Een <strong>vet</strong> woord<br><a href="https://x.be" '
    'rel="noopener noreferrer nofollow">site</a></p>'
)


def test_escaped_codes_become_formatting_on_the_row_and_in_revisions(atlas_gemeente_a):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, description=ESCAPED)
    entry.save()
    revision = entry.save_revision()
    assert revision.content["description"] == ESCAPED

    migration.convert(apps, None)

    row = Entry.objects.get(pk=entry.pk)
    assert row.description == MEANT
    assert "<strong>vet</strong>" in row.description_html
    revision.refresh_from_db()
    assert revision.content["description"] == MEANT


def test_it_is_idempotent_and_leaves_other_descriptions_alone(atlas_gemeente_a):
    fine = "<p>Jan &amp; Piet: 3 &lt; 4</p>"
    untouched = ContributeEntryFactory(municipality=atlas_gemeente_a, description=fine)
    untouched.save()
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, description=ESCAPED)
    entry.save()

    migration.convert(apps, None)
    migration.convert(apps, None)

    assert Entry.objects.get(pk=untouched.pk).description == fine
    assert Entry.objects.get(pk=entry.pk).description == MEANT


def test_a_script_typed_as_codes_does_not_come_alive():
    assert migration.converted(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</p>"
    ) == ("<p><b>x</b></p>")


def test_going_back_changes_nothing():
    operation = migration.Migration.operations[0]
    assert operation.reverse_code is not None  # the reverse is a no-op, so migrating back works
