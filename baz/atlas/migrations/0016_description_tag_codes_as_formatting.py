"""Descriptions that show tag codes as text become the formatting those codes meant.

The old /mijn/ and proposal forms taught people to type codes such as <strong> and <p>; text
with only inline codes was escaped on save, so "&lt;strong&gt;vet&lt;/strong&gt;" is stored and
the public page shows the tags. Such descriptions (on the row and in every revision, so a
pending edit or a later publish does not bring the codes back) are unescaped and cleaned with
the atlas's tag list, and the stored public copy is recomputed. Idempotent: a converted text
has no escaped codes left. The reverse is a no-op: the escaped form was a mistake, not data.
"""

import html
import re

import nh3
from django.db import migrations

ESCAPED_CODE = re.compile(r"&lt;/?(?:p|br|strong|b|em|i|ul|ol|li|a)(?:\s[^&]*?)?/?&gt;", re.I)
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"}


def converted(description):
    """The description with escaped tag codes turned into tags, or None when it has none."""
    if not description or not ESCAPED_CODE.search(description):
        return None
    return nh3.clean(
        html.unescape(description),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def convert(apps, schema_editor):
    from baz.atlas.richtext import rich_text_stored

    Entry = apps.get_model("atlas", "Entry")
    for pk, description in (
        Entry.objects.filter(description__contains="&lt;")
        .values_list("pk", "description")
        .iterator()
    ):
        new = converted(description)
        if new is not None:
            Entry.objects.filter(pk=pk).update(
                description=new, description_html=rich_text_stored(new)
            )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="atlas", model="entry").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(base_content_type=content_type).iterator():
        content = dict(revision.content or {})
        new = converted(content.get("description") or "")
        if new is not None:
            content["description"] = new
            if "description_html" in content:
                content["description_html"] = rich_text_stored(new)
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0015_contactrelay_queued_at"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(convert, migrations.RunPython.noop, elidable=True),
    ]
