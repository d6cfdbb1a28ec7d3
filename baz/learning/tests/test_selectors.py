"""Reads of the learning module: the atlas pre-fill hook and the coaching link."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import pytest

from baz.core.tests.factories import MunicipalityFactory
from baz.learning import selectors
from baz.learning.selectors import AtlasEntry, atlas_entries_for_municipality


@dataclass
class FakeInitiative:
    pk: int
    name: str

    def get_absolute_url(self) -> str:
        return f"/inspireer-elkaar/{self.pk}/"


@pytest.fixture
def fake_atlas(monkeypatch):
    """An installed atlas app whose selector returns two initiatives for any municipality."""
    module = types.ModuleType("baz.atlas.selectors")
    module.initiatives_for_municipality = lambda *, municipality: [
        FakeInitiative(1, f"Buurtcafé {municipality.name_nl}"),
        FakeInitiative(2, "Boodschappendienst"),
    ]
    monkeypatch.setitem(sys.modules, "baz.atlas.selectors", module)
    real = selectors.apps.is_installed
    monkeypatch.setattr(
        selectors.apps, "is_installed", lambda name: name == "baz.atlas" or real(name)
    )


@pytest.mark.django_db
def test_without_the_atlas_there_is_nothing_to_pre_fill():
    assert atlas_entries_for_municipality(MunicipalityFactory()) == []


def test_without_a_municipality_there_is_nothing_to_pre_fill():
    assert atlas_entries_for_municipality(None) == []


@pytest.mark.django_db
def test_the_atlas_pre_fills_the_initiatives_of_the_municipality(fake_atlas):
    municipality = MunicipalityFactory(name_nl="Testdorp")

    entries = atlas_entries_for_municipality(municipality)

    assert entries == [
        AtlasEntry(key="1", name="Buurtcafé Testdorp", url="/inspireer-elkaar/1/"),
        AtlasEntry(key="2", name="Boodschappendienst", url="/inspireer-elkaar/2/"),
    ]


@pytest.mark.django_db
def test_step_1_offers_the_atlas_entries_to_tick(client, fake_atlas, site_pages, reference_data):
    from baz.learning.models import Reflection

    token = client.post("/leren/reflectie/")["Location"].split("/")[3]
    url = f"/leren/reflectie/{token}/stap/1/"
    client.post(url, {"municipality": "Gent", "comment": "We beginnen pas."})

    html = client.get(url).content.decode()
    client.post(url, {"municipality": "Gent", "atlas": ["2"], "own": "", "comment": ""})

    assert "Deze burgerinitiatieven staan al in Inspireer elkaar" in html
    assert "Buurtcafé Gent" in html
    assert Reflection.objects.get().initiatives["atlas"] == [
        {"key": "2", "name": "Boodschappendienst"}
    ]


def test_coaching_link_falls_back_to_an_e_mail(monkeypatch):
    reflection = types.SimpleNamespace(municipality=types.SimpleNamespace(name_nl="Gent"))

    url = selectors.coaching_request_url(
        reflection=reflection, summary_url="https://baz.example.org/leren/reflectie/x/overzicht/"
    )

    assert url.startswith("mailto:coaching@example.org?subject=Aanvraag%20coachingtraject%20Gent")
    assert "https%3A%2F%2Fbaz.example.org%2Fleren%2Freflectie%2Fx%2Foverzicht%2F" in url


def test_coaching_link_uses_the_coaching_request_form_once_it_exists(monkeypatch):
    monkeypatch.setattr(selectors, "reverse", lambda name: "/coaching/aanvragen/")
    reflection = types.SimpleNamespace(municipality=None)

    url = selectors.coaching_request_url(reflection=reflection, summary_url="/leren/x/")

    assert url == "/coaching/aanvragen/?reflectie=%2Fleren%2Fx%2F"
