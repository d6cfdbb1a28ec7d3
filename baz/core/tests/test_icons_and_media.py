"""The site's icons, and image renditions served in development as nginx serves them."""

from django.contrib.staticfiles import finders


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/core/icons/favicon.ico"
    assert finders.find("core/icons/favicon.ico")
    assert client.head("/favicon.ico").status_code == 301


def test_every_page_links_the_icons_and_they_exist(client, site_pages):
    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/core/icons/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/core/icons/apple-touch-icon.png">' in html
    assert finders.find("core/icons/favicon.svg")
    assert finders.find("core/icons/apple-touch-icon.png")


def test_htmx_injects_no_inline_style_and_site_css_has_the_indicator_style(client, site_pages):
    html = client.get("/").content.decode()

    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    with open(finders.find("core/css/site.css"), encoding="utf-8") as css:
        assert ".htmx-indicator { opacity: 0; visibility: hidden; }" in css.read()


def test_image_renditions_are_served_outside_production_and_other_uploads_are_not(
    client, db, media_root
):
    (media_root / "images").mkdir(parents=True)
    (media_root / "images" / "soep.max-960x720.png").write_bytes(b"\x89PNG proef")
    (media_root / "leren").mkdir()
    (media_root / "leren" / "video.webm").write_bytes(b"proef")

    assert client.get("/media/images/soep.max-960x720.png").status_code == 200
    assert client.get("/media/leren/video.webm").status_code == 404
    assert client.get("/media/images/../leren/video.webm").status_code == 404
