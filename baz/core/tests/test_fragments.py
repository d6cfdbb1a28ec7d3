"""Shared fragments (baz.core.fragments.fragment_cached and `{% shared_fragment %}`): the cached
menus follow every publish, and the tag never stores a form token or a preview."""

import re
from itertools import count

import pytest
from django.template import engines
from django.test import RequestFactory

from baz.core.fragments import fragment_cached
from baz.core.generation import bump_content_generation

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


def test_a_local_fragment_stays_in_the_process_until_the_next_change():
    from django.core.cache import cache

    from baz.core.fragments import fragment_key

    built = []

    def build():
        built.append(1)
        return f"versie {len(built)}"

    assert fragment_cached("proef-lokaal", (1,), build, local=True) == "versie 1"
    cache.delete(fragment_key("proef-lokaal", 1))  # no shared copy: the process still has it
    assert fragment_cached("proef-lokaal", (1,), build, local=True) == "versie 1"
    assert len(built) == 1

    bump_content_generation()
    assert fragment_cached("proef-lokaal", (1,), build, local=True) == "versie 2"


def test_a_local_fragment_is_forgotten_when_the_cache_loses_the_generation():
    """An emptied cache starts a new generation from the clock, which a fast test may have
    used before: the process forgets what it kept rather than risk an old fragment."""
    from django.core.cache import cache

    built = []

    def build():
        built.append(1)
        return f"versie {len(built)}"

    assert fragment_cached("proef-leeg", (), build, local=True) == "versie 1"
    cache.clear()
    assert fragment_cached("proef-leeg", (), build, local=True) == "versie 2"


def test_a_request_reads_the_generation_once_and_follows_its_own_changes():
    from django.core.cache import cache
    from django.http import HttpResponse

    from baz.core.generation import GENERATION_KEY, ContentGenerationMiddleware, content_generation

    seen = {}

    def view(request):
        seen["first"] = content_generation()
        cache.incr(GENERATION_KEY)  # another process publishes meanwhile
        seen["again"] = content_generation()
        bump_content_generation()  # this request changes content itself
        seen["after own change"] = content_generation()
        return HttpResponse("ok")

    content_generation()
    ContentGenerationMiddleware(view)(RequestFactory().get("/"))

    assert seen["again"] == seen["first"]
    assert seen["after own change"] == seen["first"] + 2 == cache.get(GENERATION_KEY)
    assert content_generation() == seen["first"] + 2  # outside a request: read every time


def test_the_redis_cache_builds_one_client_per_pool():
    """Django's Redis cache builds a client per call (costly in redis-py 8); ours reuses one.
    Building a client opens no connection, so no Redis server is needed here."""
    from baz.core.cache_backends import ReusedClientRedisCache

    backend = ReusedClientRedisCache("redis://127.0.0.1:1/0", {})
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool
    assert client.connection_pool is backend._cache._get_connection_pool(False)
