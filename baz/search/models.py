"""The site-search index: one row per public page or published atlas entry.

Rows are written only by `baz.search.services` (from signals, admin hooks and the
`search_rebuild` command). The full-text structure lives beside the table and follows it by
itself: on PostgreSQL a stored, generated `tsvector` column with a GIN index; on SQLite an
FTS5 table kept in step by triggers. Both are created by migration 0002, per database.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchGroup(models.TextChoices):
    """The result types a visitor can filter on."""

    STORY = "verhaal", _("Verhalen")
    PRACTICE = "praktijkvoorbeeld", _("Praktijkvoorbeelden")
    ATLAS = "inspireer-elkaar", _("Inspireer elkaar")
    PAGE = "pagina", _("Pagina's")


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # The fine kind ("verhaal", "burgerinitiatief", "pagina", ...) and the filter group.
    kind = models.CharField(_("soort"), max_length=40)
    group = models.CharField(_("type"), max_length=20, choices=SearchGroup.choices, db_index=True)
    title = models.CharField(_("titel"), max_length=255)
    url = models.CharField(_("adres"), max_length=500)
    # Plain text (no HTML) the snippet is cut from; escaped when shown.
    body = models.TextField(_("tekst"), blank=True)
    # Output of baz.search.dutch.normalise: what the full-text index is built on.
    normalised_title = models.TextField(editable=False, default="")
    normalised_body = models.TextField(editable=False, default="")
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]

    def __str__(self) -> str:
        return self.title
