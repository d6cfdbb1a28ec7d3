"""Shared fragments (baz.core.cache.fragment_cached and `{% shared_fragment %}`): the cached
menus follow every publish, and the tag never stores a form token or a preview."""

import re
from itertools import count

import pytest
from django.template import engines
from django.test import RequestFactory

from baz.core.cache import bump_content_generation, fragment_cached

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_pages")]

_unique = count()


def _menu(client, path="/"):
    html = client.get(f"{path}?b={next(_unique)}").content.decode()
    menu = html.split('id="hoofdmenu"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li><a ([^>]*)>([^<]+)</a>", menu)


def test_the_cached_menu_follows_a_page_published_and_unpublished(client, site_pages):
    from baz.learning.models import LearningIndexPage

    assert "Leren" not in [label for _attrs, label in _menu(client)]

    index = LearningIndexPage(title="Leren", slug="leren")
    site_pages.add_child(instance=index)
    index.save_revision().publish()
    assert "Leren" in [label for _attrs, label in _menu(client)]

    index.unpublish()
    assert "Leren" not in [label for _attrs, label in _menu(client)]


def test_the_cached_menu_marks_the_current_part_per_request(client):
    home = {label: attrs for attrs, label in _menu(client, "/")}
    atlas = {label: attrs for attrs, label in _menu(client, "/inspireer-elkaar/")}

    assert 'aria-current="page"' in home["Start"]
    assert 'aria-current="page"' not in home["Inspireer elkaar"]
    assert 'aria-current="page"' in atlas["Inspireer elkaar"]
    assert 'aria-current="page"' not in atlas["Start"]


def test_a_fragment_is_built_again_after_any_content_change():
    built = []

    def build():
        built.append(1)
        return f"versie {len(built)}"

    assert fragment_cached("proef", (1,), build) == "versie 1"
    assert fragment_cached("proef", (1,), build) == "versie 1"
    assert fragment_cached("proef", (2,), build) == "versie 2"  # other parts, other key

    bump_content_generation()
    assert fragment_cached("proef", (1,), build) == "versie 3"


def _tag_template():
    return engines["django"].from_string(
        "{% load shared_cache %}{% shared_fragment 'proef-tag' key %}{{ value|safe }}"
        "{% endshared_fragment %}"
    )


def test_the_tag_caches_by_its_variables():
    template = _tag_template()
    assert template.render({"key": 1, "value": "eerste"}) == "eerste"
    assert template.render({"key": 1, "value": "tweede"}) == "eerste"
    assert template.render({"key": 2, "value": "tweede"}) == "tweede"


def test_the_tag_never_stores_a_form_token():
    template = _tag_template()
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    assert template.render({"key": 1, "value": token}) == token
    assert template.render({"key": 1, "value": "niets"}) == "niets"


def test_the_tag_never_caches_a_preview():
    template = _tag_template()
    request = RequestFactory().get("/")
    request.is_preview = True  # type: ignore[attr-defined]
    assert template.render({"key": 1, "value": "concept", "request": request}) == "concept"
    assert template.render({"key": 1, "value": "gepubliceerd"}) == "gepubliceerd"


def test_a_changed_site_is_looked_up_again(client, site_pages):
    from wagtail.models import Site

    assert client.get(f"/?b={next(_unique)}").status_code == 200  # the Site is cached now
    site = Site.objects.get()
    site.site_name = "BurgersAanZet proef"
    site.save()

    response = client.get(f"/?b={next(_unique)}")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site.site_name == "BurgersAanZet proef"
