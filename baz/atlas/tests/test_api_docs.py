"""The interactive API docs at /api/v1/docs come from the site itself."""

import re

from django.contrib.staticfiles import finders


def test_api_docs_load_swagger_ui_from_the_sites_own_static_files(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="nl-BE">' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert all(source.startswith("/static/") for source in sources)
    assert all(finders.find(source.removeprefix("/static/")) for source in sources)
    assert '"url": "/api/v1/openapi.json"' in html
    assert '"validatorUrl": null' in html
    # The site's policy applies: scripts from the site only, no inline script.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html
