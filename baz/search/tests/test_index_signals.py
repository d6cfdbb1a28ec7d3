"""The index follows pages and atlas entries through signals and admin hooks."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from wagtail import hooks
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction

from baz.atlas.models import Entry, EntryKind, EntryStatus
from baz.atlas.services.editing import entry_archive
from baz.atlas.tests.factories import EntryFactory, ThemeFactory, WerkvormFactory
from baz.core.models import ContentPage
from baz.search.models import SearchDocument, SearchGroup

pytestmark = pytest.mark.django_db


def _page_document(page) -> SearchDocument | None:
    return SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Page), object_id=page.pk
    ).first()


def _entry_document(entry) -> SearchDocument | None:
    return SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Entry), object_id=entry.pk
    ).first()


def test_publishing_a_page_indexes_it_and_unpublishing_removes_it(publish_page):
    page = publish_page("Mantelzorgers in Gent", "Een netwerk van mantelzorgers.")

    document = _page_document(page)
    assert document is not None
    assert document.kind == "pagina"
    assert document.group == SearchGroup.PAGE
    assert document.url == page.url
    assert "Een netwerk van mantelzorgers." in document.body
    assert document.normalised_title == "mantelzorger gent"

    page.unpublish()
    assert _page_document(page) is None


def test_a_draft_does_not_change_the_index_until_it_is_published(publish_page):
    page = publish_page("Buurthuis", "De oude tekst.")
    page.intro = "Een nieuwe tekst over vrijwilligers."
    revision = page.save_revision()

    assert "oude tekst" in _page_document(page).body

    revision.publish()
    assert "vrijwilligers" in _page_document(page).body


def test_deleting_a_page_removes_it_and_its_children(publish_page):
    parent = publish_page("Ouder", "Bovenaan.")
    child = publish_page("Kind", "Eronder.", parent=parent)

    Page.objects.get(pk=parent.pk).delete()

    assert _page_document(parent) is None
    assert _page_document(child) is None


def test_moving_a_page_updates_the_urls_of_the_page_and_its_children(publish_page, site_pages):
    parent = publish_page("Eerste plek", "Tekst.")
    other = publish_page("Tweede plek", "Tekst.")
    child = publish_page("Kind", "Tekst.", parent=parent)
    old_url = _page_document(child).url

    Page.objects.get(pk=parent.pk).move(Page.objects.get(pk=other.pk), pos="last-child")

    parent.refresh_from_db()
    child.refresh_from_db()
    assert _page_document(parent).url == parent.url
    assert _page_document(child).url == child.url != old_url
    assert _page_document(child).url.startswith(other.url)


def test_a_private_page_and_its_children_leave_the_index_and_come_back(publish_page):
    parent = publish_page("Besloten", "Alleen voor het team.")
    child = publish_page("Ook besloten", "Tekst.", parent=parent)

    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert _page_document(parent) is None
    assert _page_document(child) is None

    restriction.delete()
    assert _page_document(parent) is not None
    assert _page_document(child) is not None


def test_a_page_below_a_private_page_is_not_indexed_when_published(publish_page):
    parent = publish_page("Besloten", "Tekst.")
    PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    child = publish_page("Nieuw en besloten", "Tekst.", parent=parent)

    assert _page_document(child) is None


def test_the_streamfield_text_of_a_page_is_indexed_without_html(publish_page):
    page = publish_page("Met inhoud", "Inleiding.")
    page.body = StreamValue(
        page.body.stream_block,
        [
            ("heading", "Zo pak je het aan"),
            ("paragraph", "<p>Vraag <b>buurtbewoners</b> &amp; vrijwilligers.</p>"),
        ],
        is_lazy=False,
    )
    page.save_revision().publish()

    document = _page_document(page)
    assert "Zo pak je het aan" in document.body
    assert "Vraag buurtbewoners & vrijwilligers." in document.body
    assert "<b>" not in document.body


def test_a_page_class_with_the_search_contract_sets_kind_and_text(monkeypatch, publish_page):
    """The stories app's page types define `search_kind` and `search_body_text()`."""
    monkeypatch.setattr(ContentPage, "search_kind", "verhaal", raising=False)
    monkeypatch.setattr(
        ContentPage,
        "search_body_text",
        lambda self: "Een verhaal over gezinnen en buurtinitiatieven.",
        raising=False,
    )
    page = publish_page("Een verhaal", "Deze inleiding telt niet.")

    document = _page_document(page)
    assert document.kind == "verhaal"
    assert document.group == SearchGroup.STORY
    assert "buurtinitiatieven" in document.body
    assert "Deze inleiding" not in document.body
    assert "buurtinitiatief" in document.normalised_body.split()


# --- Atlas entries --------------------------------------------------------------------------


def test_a_published_entry_is_indexed_with_themes_werkvormen_and_municipality():
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    werkvorm = WerkvormFactory(name="Huisbezoeken", slug="huisbezoeken")
    entry = EntryFactory(
        name="Babbelbus",
        summary="Vrijwilligers rijden langs.",
        description="<p>Met <i>koffie</i>.</p>",
    )
    entry.themes.set([theme])
    entry.werkvormen.set([werkvorm])

    document = _entry_document(entry)
    assert document.kind == EntryKind.INITIATIVE
    assert document.group == SearchGroup.ATLAS
    assert document.url == entry.get_absolute_url()
    for text in ("Vrijwilligers rijden langs.", "Met koffie.", "Eenzaamheid", "Huisbezoeken"):
        assert text in document.body
    assert entry.municipality.name_nl in document.body


def test_renaming_a_theme_or_municipality_reindexes_the_entries_that_name_it():
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    entry = EntryFactory(name="Babbelbus")
    entry.themes.set([theme])
    other = EntryFactory(name="Soep op zondag")
    assert "Eenzaamheid" in _entry_document(entry).body

    theme.name = "Sociaal isolement"
    theme.save()
    municipality = entry.municipality
    municipality.name_nl = "Herdoopte gemeente"
    municipality.save()

    body = _entry_document(entry).body
    assert "Sociaal isolement" in body
    assert "Eenzaamheid" not in body
    assert "Herdoopte gemeente" in body
    assert "Sociaal isolement" not in _entry_document(other).body

    theme.delete()
    assert "Sociaal isolement" not in _entry_document(entry).body


def test_concept_and_submitted_entries_are_not_indexed():
    concept = EntryFactory(status=EntryStatus.DRAFT, live=False)
    submitted = EntryFactory(status=EntryStatus.SUBMITTED, live=False)

    assert _entry_document(concept) is None
    assert _entry_document(submitted) is None


def test_archiving_an_entry_removes_it(atlas_redactie):
    entry = EntryFactory()
    assert _entry_document(entry) is not None

    entry_archive(entry=entry, user=atlas_redactie)

    assert _entry_document(entry) is None


def test_deleting_an_entry_removes_it():
    entry = EntryFactory()
    entry_id = entry.pk
    entry.delete()

    assert not SearchDocument.objects.filter(object_id=entry_id).exists()


def test_publishing_in_the_admin_indexes_after_the_atlas_status_sync(atlas_redactie):
    """The atlas sets the status with a queryset update in its admin hook; ours runs later."""
    entry = EntryFactory(status=EntryStatus.DRAFT, live=True)
    assert _entry_document(entry) is None

    request = RequestFactory().post("/")
    request.user = atlas_redactie
    for hook in hooks.get_hooks("after_publish"):
        hook(request, entry)

    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.PUBLISHED
    assert _entry_document(entry) is not None
