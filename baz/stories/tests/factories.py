"""Helpers to make story pages in tests. Invented people only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.text import slugify

from baz.stories.models import ArticleAtlasLink, ArticlePage, StoryIndexPage, StoryPage

DEFAULT_BODY = [
    {"type": "paragraph", "value": "<p>Buren koken samen soep en eten samen.</p>"},
]


def story_create(
    index: StoryIndexPage,
    *,
    title: str = "Soep in de straat",
    page_class: type[ArticlePage] = StoryPage,
    intro: str = "Buren koken elke week samen.",
    body: list[dict[str, Any]] | None = None,
    live: bool = True,
    publication_date: date | None = None,
    themes: Any = (),
    werkvormen: Any = (),
    municipalities: Any = (),
    entries: Any = (),
    partner: Any = None,
    **fields: Any,
) -> ArticlePage:
    page = page_class(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        intro=intro,
        author_name=fields.pop("author_name", "An Voorbeeld"),
        body=DEFAULT_BODY if body is None else body,
        partner=partner,
        live=live,
        **({"publication_date": publication_date} if publication_date else {}),
        **fields,
    )
    page.themes = list(themes)
    page.werkvormen = list(werkvormen)
    page.municipalities = list(municipalities)
    page.atlas_links = [ArticleAtlasLink(entry=entry) for entry in entries]
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page
