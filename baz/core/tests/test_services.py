"""Loading reference data and the base pages is idempotent and never loses an editor's work."""

import pytest
from wagtail.models import Page, Site

from baz.core.models import ContentPage, HomePage, Municipality, PostalCode
from baz.core.services import reference_data_load, site_structure_ensure


@pytest.mark.usefixtures("reference_data")
class TestReferenceDataLoad:
    def test_a_second_run_changes_nothing(self, db):
        stats = reference_data_load()

        assert not stats.changed
        assert stats.summary() == "niets te doen"

    def test_it_repairs_a_changed_name_and_a_missing_municipality(self, db):
        Municipality.objects.filter(refnis="44021").update(name_nl="Gend")
        Municipality.objects.get(refnis="24062").delete()

        stats = reference_data_load()

        assert Municipality.objects.get(refnis="44021").name_nl == "Gent"
        assert Municipality.objects.get(refnis="24062").name_nl == "Leuven"
        assert stats.updated["gemeenten"] == 1
        assert stats.created["gemeenten"] == 1

    def test_it_removes_a_postal_code_that_no_longer_exists(self, db):
        gent = Municipality.objects.get(refnis="44021")
        PostalCode.objects.create(code="9999", municipality=gent)

        stats = reference_data_load()

        assert not PostalCode.objects.filter(code="9999").exists()
        assert stats.deleted["postcodes"] == 1

    def test_a_dry_run_counts_but_saves_nothing(self, db):
        Municipality.objects.get(refnis="24062").delete()

        stats = reference_data_load(dry_run=True)

        assert stats.created["gemeenten"] == 1
        assert not Municipality.objects.filter(refnis="24062").exists()


class TestSiteStructureEnsure:
    def test_it_creates_the_home_page_and_the_base_pages(self, db):
        created = site_structure_ensure()

        home = HomePage.objects.get()
        assert created == [
            "Inspireer elkaar",
            "Lokale besturen",
            "Over dit platform",
            "Toegankelijkheidsverklaring",
        ]
        assert Site.objects.get(is_default_site=True).root_page.specific == home
        slugs = {p.slug for p in home.get_children().live()}
        assert slugs == {"lokale-besturen", "over-dit-platform", "toegankelijkheid"}
        assert ContentPage.objects.get(slug="lokale-besturen").show_in_menus

    def test_a_second_run_creates_nothing(self, db):
        site_structure_ensure()

        assert site_structure_ensure() == []
        assert Page.objects.count() == 5  # root, home and three pages

    def test_it_never_overwrites_an_edited_page(self, db):
        site_structure_ensure()
        page = ContentPage.objects.get(slug="over-dit-platform")
        page.intro = "Door de redactie aangepast."
        page.save_revision().publish()

        site_structure_ensure()

        assert ContentPage.objects.get(slug="over-dit-platform").intro == (
            "Door de redactie aangepast."
        )

    def test_it_rebuilds_the_tree_after_a_flushed_database(self, db):
        Site.objects.all().delete()
        Page.objects.all().delete()

        site_structure_ensure()

        assert Site.objects.get().root_page.specific_class is HomePage
