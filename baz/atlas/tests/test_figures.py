"""The figures of a municipality on /mijn/: entries by state, proposals, and its themes and
werkvormen beside its province and Flanders (`baz.atlas.selectors.figures`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.accounts.models import Role
from baz.accounts.tests.factories import MunicipalityFactory, member
from baz.atlas.models import Theme, Werkvorm
from baz.atlas.selectors.figures import entry_figures, theme_shares
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.core.models import Province, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    flanders, _ = Region.objects.get_or_create(
        refnis="02000", defaults={"name_nl": "Vlaams Gewest", "name_fr": "Région flamande"}
    )
    oost = Province.objects.create(
        refnis="40000",
        name_nl="Oost-Vlaanderen",
        name_fr="Flandre orientale",
        slug="oost-vlaanderen",
        region=flanders,
    )
    west = Province.objects.create(
        refnis="30000",
        name_nl="West-Vlaanderen",
        name_fr="Flandre occidentale",
        slug="west-vlaanderen",
        region=flanders,
    )
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", province=oost, region=flanders)
    melle = MunicipalityFactory(refnis="44043", name_nl="Melle", province=oost, region=flanders)
    brugge = MunicipalityFactory(refnis="31005", name_nl="Brugge", province=west, region=flanders)
    return gent, melle, brugge


def _published(municipality, themes=(), werkvormen=(), **kwargs):
    entry = ContributeEntryFactory(municipality=municipality, published=True, **kwargs)
    entry.themes.set(themes)
    entry.werkvormen.set(werkvormen)
    return entry


def test_theme_shares_compare_the_municipality_with_its_province_and_flanders(places):
    gent, melle, brugge = places
    zorg = Theme.objects.create(name="Test zorg", slug="test-zorg")
    armoede = Theme.objects.create(name="Test armoede", slug="test-armoede")
    buddy = Werkvorm.objects.create(name="Test buddy", slug="test-buddy")
    _published(gent, [zorg], [buddy])
    _published(gent, [zorg, armoede])
    _published(melle, [armoede])
    _published(brugge, [armoede])
    ContributeEntryFactory(municipality=gent, submitted=True).themes.set([armoede])  # not counted

    shares = theme_shares(gent)

    assert shares.totals == {"municipality": 2, "province": 3, "region": 4}
    rows = {row.term.slug: row for row in shares.themes}
    assert (rows["test-zorg"].count, rows["test-zorg"].share) == (2, 100.0)
    assert (rows["test-zorg"].province_share, rows["test-zorg"].region_share) == (66.7, 50.0)
    assert (rows["test-armoede"].count, rows["test-armoede"].share) == (1, 50.0)
    assert (rows["test-armoede"].province_share, rows["test-armoede"].region_share) == (66.7, 75.0)
    assert [row.term.slug for row in shares.werkvormen] == ["test-buddy"]
    assert shares.province_name == "Oost-Vlaanderen"


def test_entry_figures_count_published_waiting_stale_and_proposals(places):
    gent, melle, _brugge = places
    old = timezone.localdate() - timedelta(days=400)
    _published(gent)
    stale = _published(gent, last_confirmed_at=old, name="Oude soep")
    ContributeEntryFactory(municipality=gent, submitted=True, submitter_email="")  # waiting
    ContributeEntryFactory(municipality=gent, submitted=True)  # a public proposal
    elsewhere = ContributeEntryFactory(municipality=melle, submitted=True)
    elsewhere.served_municipalities.set([gent])  # works in Gent too
    ContributeEntryFactory(municipality=gent)  # a draft: not confirmed yet, not counted

    figures = entry_figures([gent, melle])[gent.pk]

    assert (figures.published, figures.waiting, figures.stale, figures.proposals) == (2, 1, 1, 2)
    assert figures.stale_entries == [stale]


def _add_entries(gent, melle, theme, count):
    old = timezone.localdate() - timedelta(days=400)
    for n in range(count):
        extra = {"last_confirmed_at": old} if n % 3 else {}
        _published(gent if n % 2 else melle, [theme], **extra)
        ContributeEntryFactory(municipality=gent, submitted=True)


def test_the_figures_ask_as_many_queries_for_30_entries_as_for_3(
    client, places, django_assert_max_num_queries
):
    gent, melle, _brugge = places
    theme = Theme.objects.create(name="Test zorg", slug="test-zorg")
    client.force_login(member(gent, Role.BEHEERDER, email="beheerder@example.org"))
    counts = []
    for size in (3, 27):  # 3 entries, then 30
        _add_entries(gent, melle, theme, size)
        with django_assert_max_num_queries(40) as captured:
            response = client.get("/mijn/cijfers/", headers={"HX-Request": "true"})
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    html = response.content.decode()
    assert "fiches gepubliceerd" in html
    assert "Nog actief" in html
    assert "Cijfers van je gemeente" in client.get("/mijn/").content.decode()
    assert counts[0] == counts[1], counts
