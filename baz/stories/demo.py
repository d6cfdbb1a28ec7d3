"""Dutch demo stories and good practices (called by `manage.py load_demo_data`).

Invented people and places in real Flemish municipalities, linked to the demo entries of the
atlas (by slug) and the demo partners; the stories themselves are data in `demo_content`.
The hero images are drawn here with Pillow: coloured shapes and the title, nothing downloaded.
Idempotent: a story is recognised by its slug under `/verhalen/` and never changed once it
exists.
"""

from __future__ import annotations

import io
import random
from typing import Any, TextIO

from django.core.files.images import ImageFile
from django.db import transaction

from baz.stories.demo_content import IMG, STORIES
from baz.stories.services import story_index_ensure

COLOURS = [(0, 88, 92), (179, 38, 30), (46, 125, 50), (74, 74, 74), (0, 59, 62)]
ACCENTS = [(255, 191, 71), (244, 241, 236), (255, 255, 255)]


def _draw_hero(title: str, seed: int) -> Any:
    """An illustration: coloured shapes and the title, drawn with Pillow (1200 by 675)."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw, ImageFont
    from wagtail.images.models import Image

    image_title = f"Verhaal: {title}"
    existing = Image.objects.filter(title=image_title).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    background = COLOURS[seed % len(COLOURS)]
    canvas = PillowImage.new("RGB", (1200, 675), background)
    draw = ImageDraw.Draw(canvas)
    for _ in range(9):
        x, y, r = rng.randint(0, 1200), rng.randint(0, 675), rng.randint(30, 150)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(COLOURS + ACCENTS))
    draw.rectangle((0, 440, 1200, 675), fill=(28, 28, 28))
    font = ImageFont.load_default(size=44)
    small = ImageFont.load_default(size=28)
    words, lines, line = title.split(), [], ""
    for word in words:
        if len(line) + len(word) > 42:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for number, text in enumerate(lines[:3]):
        draw.text((48, 470 + number * 54), text, font=font, fill=(255, 255, 255))
    draw.text((48, 400), "BurgersAanZet · Verhalen", font=small, fill=(255, 191, 71))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    from django.utils.text import slugify

    image = Image(title=image_title, file=ImageFile(buffer, name=f"{slugify(title)[:60]}.png"))
    image.save()
    return image


def _body(blocks: list[tuple[str, Any]], title: str, seed: int) -> list[dict[str, Any]]:
    raw: list[dict[str, Any]] = []
    for number, (kind, value) in enumerate(blocks):
        if kind == IMG:
            alt, caption = value
            image = _draw_hero(f"{title} ({number})", seed * 31 + number)
            value = {"image": image.pk, "alt": alt, "caption": caption}
        raw.append({"type": kind, "value": value})
    return raw


@transaction.atomic
def load_demo_data(stdout: TextIO | None = None) -> list[str]:
    """Create `/verhalen/` and the demo stories that are missing; return what was created."""
    from wagtail.models import Locale

    from baz.atlas.models import Entry, Theme, Werkvorm
    from baz.contact.models import PartnerOrganisation
    from baz.core.models import Municipality
    from baz.stories.models import ArticleAtlasLink, GoodPracticePage, StoryPage

    index, index_created = story_index_ensure()
    if index is None:
        return []
    created: list[str] = [index.title] if index_created else []
    locale = Locale.objects.get(language_code="nl-be")
    existing = set(index.get_children().values_list("slug", flat=True))
    for seed, spec in enumerate(STORIES, start=1):
        if spec["slug"] in existing:
            continue
        page_class = StoryPage if spec["kind"] == "verhaal" else GoodPracticePage
        hero = _draw_hero(spec["title"], seed)
        page = page_class(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            author_name=spec["author"],
            publication_date=spec["date"],
            hero_image=hero,
            hero_alt="Een tekening met gekleurde cirkels en de titel van het verhaal.",
            partner=PartnerOrganisation.objects.filter(name=spec["partner"]).first()
            if spec["partner"]
            else None,
            body=_body(spec["body"], spec["title"], seed),
            locale=locale,
        )
        page.themes = list(Theme.objects.filter(slug__in=spec["themes"]))
        page.werkvormen = list(Werkvorm.objects.filter(slug__in=spec["werkvormen"]))
        page.municipalities = list(Municipality.objects.filter(name_nl__in=spec["municipalities"]))
        entries = {e.slug: e for e in Entry.objects.published().filter(slug__in=spec["entries"])}
        page.atlas_links = [
            ArticleAtlasLink(entry=entries[slug], sort_order=number)
            for number, slug in enumerate(spec["entries"])
            if slug in entries
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        created.append(page.title)
    if stdout is not None and len(created) > int(index_created):
        stdout.write(f"Verhalen: {len(created) - int(index_created)} nieuw.\n")
    return created
