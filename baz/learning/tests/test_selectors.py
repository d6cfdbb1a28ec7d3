"""Reads of the learning module: the atlas pre-fill hook and the coaching link."""

from __future__ import annotations

import types

import pytest

from baz.core.tests.factories import MunicipalityFactory
from baz.learning import selectors
from baz.learning.selectors import AtlasEntry, atlas_entries_for_municipality


@pytest.mark.django_db
def test_a_municipality_without_initiatives_has_nothing_to_pre_fill():
    assert atlas_entries_for_municipality(MunicipalityFactory()) == []


def test_without_a_municipality_there_is_nothing_to_pre_fill():
    assert atlas_entries_for_municipality(None) == []


@pytest.mark.django_db
def test_step_1_offers_the_atlas_entries_to_tick(client, site_pages, reference_data):
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality
    from baz.learning.models import Reflection

    gent = Municipality.objects.get(refnis="44021")
    EntryFactory(name="Buurtcafé Gent", municipality=gent)
    errands = EntryFactory(name="Boodschappendienst", municipality=gent)

    token = client.post("/leren/reflectie/")["Location"].split("/")[3]
    url = f"/leren/reflectie/{token}/stap/1/"
    client.post(url, {"municipality": "Gent", "comment": "We beginnen pas."})

    html = client.get(url).content.decode()
    client.post(url, {"municipality": "Gent", "atlas": [str(errands.pk)], "own": "", "comment": ""})

    assert "Deze burgerinitiatieven staan al in Inspireer elkaar" in html
    assert "Buurtcafé Gent" in html
    assert Reflection.objects.get().initiatives["atlas"] == [
        {"key": str(errands.pk), "name": "Boodschappendienst"}
    ]


def test_coaching_link_falls_back_to_an_e_mail(monkeypatch):
    from django.urls import NoReverseMatch

    def coaching_not_installed(name):
        raise NoReverseMatch(name)

    monkeypatch.setattr(selectors, "reverse", coaching_not_installed)
    reflection = types.SimpleNamespace(municipality=types.SimpleNamespace(name_nl="Gent"))

    url = selectors.coaching_request_url(
        reflection=reflection,
        token="x",
        summary_url="https://baz.example.org/leren/reflectie/x/overzicht/",
    )

    assert url.startswith("mailto:coaching@example.org?subject=Aanvraag%20coachingtraject%20Gent")
    assert "https%3A%2F%2Fbaz.example.org%2Fleren%2Freflectie%2Fx%2Foverzicht%2F" in url


def test_coaching_link_passes_the_token_once_the_coaching_form_exists(settings):
    settings.ROOT_URLCONF = "baz.learning.tests.urls_with_coaching"
    reflection = types.SimpleNamespace(municipality=None)

    url = selectors.coaching_request_url(reflection=reflection, token="a-b_c", summary_url="/x/")

    assert url == "/coaching/aanvragen/?reflectie=a-b_c"


@pytest.mark.django_db
def test_the_real_atlas_pre_fills_only_published_initiatives_of_the_municipality():
    from baz.atlas.models import EntryKind, EntryStatus
    from baz.atlas.tests.factories import EntryFactory

    municipality = MunicipalityFactory(name_nl="Testdorp Zuid")
    published = EntryFactory(name="Buurtbabbel", municipality=municipality)
    EntryFactory(name="Nog in moderatie", municipality=municipality, status=EntryStatus.SUBMITTED)
    EntryFactory(
        name="Het lokaal bestuur", municipality=municipality, kind=EntryKind.LOCAL_GOVERNMENT
    )
    EntryFactory(name="Elders")

    entries = atlas_entries_for_municipality(municipality)

    assert entries == [
        AtlasEntry(key=str(published.pk), name="Buurtbabbel", url=published.get_absolute_url())
    ]
