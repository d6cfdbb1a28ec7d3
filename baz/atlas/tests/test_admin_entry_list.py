"""The entry list in the admin: the municipality is typed, not chosen from 565 options."""

from __future__ import annotations

import pytest

from baz.atlas.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db
URL = "/beheer/snippets/atlas/entry/"


@pytest.fixture
def entries(atlas_gemeente_a, atlas_gemeente_b):
    # What the reference data loader writes: the names in both languages and postal codes.
    atlas_gemeente_a.search_text = "gent gand 9000 9030"
    atlas_gemeente_a.save(update_fields=["search_text"])
    atlas_gemeente_b.search_text = "leuven louvain 3000"
    atlas_gemeente_b.save(update_fields=["search_text"])
    return {
        "gent": EntryFactory(municipality=atlas_gemeente_a, name="Soep op de stoep"),
        "other": EntryFactory(municipality=atlas_gemeente_b, name="Fietsatelier"),
    }


def test_the_list_has_no_select_of_every_municipality(client, login_verified, atlas_redactie):
    from baz.accounts.tests.factories import MunicipalityFactory

    for number in range(30):
        MunicipalityFactory(refnis=f"9{number:04d}", name_nl=f"Dorp {number}")
    login_verified(client, atlas_redactie)

    html = client.get(URL).content.decode()

    assert 'name="municipality"' in html
    assert "Dorp 7" not in html
    assert html.count("<option") < 30


@pytest.mark.parametrize("typed", ["gent", "Gand", "GEN", "9000"])
def test_a_typed_municipality_name_or_postal_code_filters_the_list(
    client, login_verified, atlas_redactie, entries, typed
):
    login_verified(client, atlas_redactie)

    html = client.get(URL, {"municipality": typed}).content.decode()

    assert "Soep op de stoep" in html
    assert "Fietsatelier" not in html
