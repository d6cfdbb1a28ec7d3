"""schemathesis against the open-data API: the OpenAPI document is the contract (issue #9).

The schema is loaded from the app itself (`/api/v1/openapi.json` through the WSGI app, no
server); every operation gets a bounded number of generated requests, valid and invalid, and
each response must: not be a server error, have a documented status code, have the documented
content type, and match the documented response schema.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 25


@pytest.fixture
def api_schema(db, settings):
    from baz.atlas.tests.factories import EntryFactory
    from baz.wsgi import application

    settings.ALLOWED_HOSTS = ["*"]
    # A few real entries, so the success responses carry data that the schema must describe.
    for _ in range(3):
        EntryFactory()
    # Like Django's test client: the WSGI handler must not close the database connection
    # after each request, or PostgreSQL loses the test's transaction after the first one.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(api_schema):
    operations = []
    for result in api_schema.get_all_operations():
        operations.append(result.ok())
    return operations


# schemathesis' own pytest integration (`from_fixture`) reads a private attribute that pytest 9
# no longer has; driving the operations' Hypothesis strategies directly needs nothing private.
@pytest.mark.sweep
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_contract(api_schema, mode):
    operations = _operations(api_schema)
    assert len(operations) == 5
    for operation in operations:
        if mode == GenerationMode.NEGATIVE and not len(operation.query):
            continue  # nothing to send wrong: no parameters (the positive run covers it)

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(checks=CHECKS)

        check()


def test_the_schema_lists_every_api_operation(client):
    document = client.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) >= {
        "/api/v1/initiatives",
        "/api/v1/initiatives.geojson",
        "/api/v1/initiatives.csv",
        "/api/v1/map",
        "/api/v1/municipalities",
    }


def _no_duplicate_keys(pairs):
    keys = [key for key, _value in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys in the OpenAPI document: {keys}"
    return dict(pairs)


def test_the_document_is_clean_openapi_31(client):
    """Found by this work: the 200/304/400 entries appeared twice ("200" beside ninja's 200),
    `nullable` (OpenAPI 3.0) sat in a 3.1 document, and no success response had a schema."""
    raw = client.get("/api/v1/openapi.json").content.decode()
    document = json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    assert document["openapi"].startswith("3.1")
    assert '"nullable"' not in raw
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert set(responses) == {"200", "304", "400"}, path
        (media_type,) = responses["200"]["content"]
        if media_type != "text/csv":
            assert responses["200"]["content"][media_type]["schema"]["type"] == "object", path


@pytest.mark.django_db
def test_a_nul_character_gets_the_documented_api_error(client):
    """Found by schemathesis: the NUL guard answered the API in its own shape ({"detail"})."""
    response = client.get("/api/v1/initiatives", {"q": "soep\x00"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "Je vraag bevat een teken dat we niet kunnen verwerken.",
        "parameter": None,
    }
    assert response["Access-Control-Allow-Origin"] == "*"
