"""Hostile input, with targets taken from what exists: every API operation in the OpenAPI
document and every public form reachable from a parameterless URL of the URLconf.

Random and adversarial values (markup, SQL, NUL bytes, huge numbers, unicode) must never give
a server error, and a posted script must never come back unescaped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sweep,
    pytest.mark.usefixtures("reference_data", "site_pages"),
]

PAYLOAD = '<script>alert("xss")</script>'
ADVERSARIAL = [
    PAYLOAD,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "1; DROP TABLE atlas_entry",
    "\x00",
    "-1",
    "9" * 40,
    "1e309",
    "nan",
    "../../etc/passwd",
    "%00",
    "ü" * 300,
    "",
    " ",
    "a" * 5000,
]
values = st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=60))
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _api_operations(client) -> list[tuple[str, list[str]]]:
    spec = client.get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in spec["paths"].items():
        if "get" in methods and "{" not in path:
            names = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
            operations.append((path, names))
    return operations


def test_the_api_is_found_from_its_openapi_document(client):
    operations = _api_operations(client)
    assert len(operations) >= 3
    assert any(path.endswith("/map") for path, _names in operations)


@HYPOTHESIS
@given(data=st.data())
def test_random_api_parameters_never_give_a_server_error(client, data):
    for path, names in _api_operations(client):
        chosen = data.draw(st.lists(st.sampled_from([*names, "onbekend"]), max_size=4, unique=True))
        params = {name: data.draw(values) for name in chosen}
        response = client.get(path, params)
        assert response.status_code < 500, (path, params, response.status_code)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert PAYLOAD not in response.content.decode()


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._current = {"action": attributes.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "textarea", "select"}:
            name = attributes.get("name")
            if name and attributes.get("type") not in {"submit", "file", "button"}:
                self._current["fields"].setdefault(name, attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


_FOUND: dict[str, list] = {}


def _public_forms(client) -> list[tuple[str, dict]]:
    """Found once per test session: GET every parameterless URL and read its POST forms."""
    if "forms" not in _FOUND:
        _FOUND["forms"] = _discover_forms(client)
    return _FOUND["forms"]


def _discover_forms(client) -> list[tuple[str, dict]]:
    urls = []

    def walk(patterns, prefix):
        for item in patterns:
            route = str(item.pattern).lstrip("^").rstrip("$")
            if "<" in route or "(" in route or "\\" in route:
                continue
            if isinstance(item, URLResolver):
                walk(item.url_patterns, prefix + route)
            elif isinstance(item, URLPattern):
                urls.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    forms = []
    for url in sorted(set(urls)):
        if url.startswith(("/beheer/", "/mijn/", "/api/", "/__bench__/")):
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or url
            if action.startswith("/") and not action.startswith(("/beheer/", "/afmelden/")):
                forms.append((action.split("#")[0], form["fields"]))
    return forms


def test_public_forms_are_found_from_the_urlconf(client):
    actions = {action for action, _fields in _public_forms(client)}
    assert "/contact/" in actions
    assert "/inspireer-elkaar/voorstellen/" in actions


@HYPOTHESIS
@given(data=st.data())
def test_random_values_in_every_public_form_never_give_a_server_error(client, data):
    for action, fields in _public_forms(client):
        posted = {
            name: (value if name == "csrfmiddlewaretoken" else data.draw(values))
            for name, value in fields.items()
        }
        response = client.post(action, posted)
        assert response.status_code < 500, (action, posted, response.status_code)
        body = response.content.decode(errors="replace")
        assert PAYLOAD not in body, (action, "a posted script came back unescaped")
        assert not re.search(r"(syntax error|OperationalError|IntegrityError)", body)


def test_huge_numbers_in_choice_fields_are_a_form_error_not_a_crash(client, atlas_gemeente_a):
    # Found by the property test: a 40-digit id overflowed the database driver (a 500).
    response = client.post(
        "/inspireer-elkaar/voorstellen/",
        {"kind": "burgerinitiatief", "name": "X", "municipality": "9" * 40, "themes": ["9" * 40]},
    )
    assert response.status_code == 400
