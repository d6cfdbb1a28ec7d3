"""The shared template components render accessible markup."""

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from baz.core.tests.factories import MunicipalityFactory, ProvinceFactory, RegionFactory


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op je identiteitskaart.")
    email = forms.EmailField(label="E-mailadres")


def test_field_with_an_error_is_linked_to_its_message_and_help_text():
    form = ExampleForm(data={"name": "", "email": "geen-adres"})
    form.is_valid()

    html = str(form["email"].as_field_group())

    assert 'class="field field--error field--required"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert '<ul class="field__errors" id="id_email_error">' in html
    name_html = str(form["name"].as_field_group())
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_html
    assert '<p class="field__help" id="id_name_helptext">' in name_html


def test_pagination_keeps_the_filters_and_marks_the_current_page():
    page_obj = Paginator(list(range(45)), 20).page(2)

    html = render_to_string(
        "core/components/pagination.html", {"page_obj": page_obj, "query": "theme=armoede"}
    )

    assert 'href="?theme=armoede&amp;page=1" rel="prev"' in html
    assert 'href="?theme=armoede&amp;page=3" rel="next"' in html
    assert '<span aria-current="page">Pagina 2 van 3</span>' in html


def test_pagination_is_hidden_for_a_single_page():
    page_obj = Paginator([1, 2], 20).page(1)

    assert render_to_string("core/components/pagination.html", {"page_obj": page_obj}).strip() == ""


def test_filter_panel_is_a_get_search_form_with_a_reset_link():
    html = render_to_string(
        "core/components/filter_panel.html",
        {"form": ExampleForm(), "action": "/inspireer-elkaar/", "label": "Zoek initiatieven"},
    )

    assert 'method="get"' in html
    assert 'role="search"' in html
    assert '<a class="filter-panel__reset" href="/inspireer-elkaar/">Wis alle filters</a>' in html
    assert "Toon resultaten" in html


def test_filter_panel_button_can_say_what_it_shows():
    html = render_to_string(
        "core/components/filter_panel.html",
        {"form": ExampleForm(), "action": "/verhalen/", "submit": "Toon de verhalen"},
    )

    assert '<button class="button" type="submit">Toon de verhalen</button>' in html
    assert "Toon resultaten" not in html


def test_breadcrumb_marks_the_current_page():
    html = render_to_string(
        "core/components/breadcrumb.html",
        {"items": [{"label": "Start", "url": "/"}, {"label": "Lokale besturen", "url": "/x/"}]},
    )

    assert '<a href="/">Start</a>' in html
    assert '<span aria-current="page">Lokale besturen</span>' in html


def test_card_uses_the_requested_heading_level_and_alt_text():
    html = render_to_string(
        "core/components/card.html",
        {
            "title": "Buurtbabbel",
            "url": "/i/1/",
            "heading_level": 2,
            "image_url": "/m/1.jpg",
            "image_alt": "Twee buren",
        },
    )

    assert '<h2 class="card__title"><a href="/i/1/">Buurtbabbel</a></h2>' in html
    assert 'alt="Twee buren"' in html


@pytest.mark.django_db
def test_municipality_display_name_adds_the_french_name_only_when_it_differs():
    brussels_region = RegionFactory(refnis="04000", name_nl="Brussels Hoofdstedelijk Gewest")
    bilingual = MunicipalityFactory(
        name_nl="Zonnedaal", name_fr="Val-Soleil", province=None, region=brussels_region
    )
    flemish = MunicipalityFactory(name_nl="Testdorp Noord", province=ProvinceFactory())

    assert bilingual.display_name == "Zonnedaal (Val-Soleil)"
    assert bilingual.area_name == "Brussels Hoofdstedelijk Gewest"
    assert flemish.display_name == "Testdorp Noord"
    assert flemish.area_name == "Oost-Vlaanderen"
