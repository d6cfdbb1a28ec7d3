"""The learning module: the screencast pages and the reflections teams make with the tool."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from baz.core.models import CachedViewRestrictionsMixin
from baz.learning.questions import REFLECTION_QUESTIONS
from baz.learning.validators import validate_mp4_content

_TIMESTAMP = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
CAPTIONS_REQUIRED = _(
    "Voeg eerst ondertitels (WebVTT) toe. Een screencast zonder ondertitels sluit mensen uit."
)


def timestamp_seconds(value: str) -> int:
    """'1:05' → 65, '1:02:03' → 3723. Raises ValueError for anything else."""
    match = _TIMESTAMP.fullmatch(value.strip())
    if not match:
        raise ValueError(value)
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


class LearningIndexPage(CachedViewRestrictionsMixin, Page):
    """`/leren/`: the entry to the screencasts and the reflection tool."""

    intro = models.TextField(_("inleiding"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["learning.ScreencastPage"]
    template = "learning/learning_index_page.html"

    class Meta:
        verbose_name = _("overzicht leren")

    def get_context(self, request, *args, **kwargs):
        from baz.learning.selectors import screencast_list

        context = super().get_context(request, *args, **kwargs)
        context["screencasts"] = screencast_list(parent=self)
        context["questions"] = REFLECTION_QUESTIONS
        context["breadcrumb"] = [
            {"label": _("Start"), "url": "/"},
            {"label": self.title, "url": self.url},
        ]
        return context


class ScreencastPageForm(WagtailAdminPageForm):
    """Refuses to publish (or send for approval) a screencast without captions.

    The model's `clean()` enforces the same rule for publishing from code or a workflow; the
    form catches it first so an editor sees the message next to the field instead of an error.
    """

    def clean(self):
        cleaned = super().clean()
        wants_live = bool(self.data.get("action-publish") or self.data.get("action-submit"))
        captions = cleaned.get("captions_file")
        if captions is False:  # the editor ticked "clear"
            captions = None
        if wants_live and not captions:
            self.add_error("captions_file", CAPTIONS_REQUIRED)
        return cleaned


class ScreencastPage(CachedViewRestrictionsMixin, Page):
    """A screencast with chapters, captions, transcript, the four questions and materials.

    The video is either a file uploaded here (served by `learning:screencast_media` with HTTP
    Range support, so the player can seek and the chapters can jump) or an embed URL of an
    external player (YouTube without cookies or Vimeo), where chapters are listed only.
    """

    intro = models.TextField(_("inleiding"), max_length=600, blank=True)
    video_file = models.FileField(
        _("videobestand (WebM)"),
        upload_to="leren/video/",
        blank=True,
        validators=[FileExtensionValidator(["webm", "mp4"])],
        help_text=_(
            "Een WebM-bestand. Zet de MP4-versie in het veld hieronder. Laat leeg als je een "
            "externe video gebruikt."
        ),
    )
    video_file_mp4 = models.FileField(
        _("videobestand (MP4)"),
        upload_to="leren/video/",
        blank=True,
        validators=[FileExtensionValidator(["mp4"]), validate_mp4_content],
        help_text=_(
            "Dezelfde video als MP4-bestand met H.264-video. Zo speelt ze op elke telefoon, ook "
            "op een iPhone. De speler kiest zelf het bestand dat hij kan afspelen."
        ),
    )
    embed_url = models.URLField(
        _("of de link van een externe speler"),
        blank=True,
        help_text=_(
            "Bijvoorbeeld https://www.youtube-nocookie.com/embed/… of "
            "https://player.vimeo.com/video/…"
        ),
    )
    captions_file = models.FileField(
        _("ondertitels (WebVTT)"),
        upload_to="leren/ondertitels/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
        help_text=_("Verplicht om te publiceren: een .vtt-bestand met Nederlandse ondertitels."),
    )
    duration_seconds = models.PositiveIntegerField(_("duur in seconden"), null=True, blank=True)
    transcript = RichTextField(
        _("volledige tekst (transcript)"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_file_mp4"),
                FieldPanel("embed_url"),
                FieldPanel("captions_file"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Video en ondertitels"),
        ),
        InlinePanel("chapters", label=_("hoofdstukken")),
        FieldPanel("transcript"),
        InlinePanel("materials", label=_("materiaal om te downloaden")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("transcript"),
    ]

    base_form_class = ScreencastPageForm
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types: list[str] = []
    template = "learning/screencast_page.html"

    class Meta:
        verbose_name = _("screencast")

    def clean(self):
        super().clean()
        errors = {}
        if self.embed_url and not self.embed_url.startswith(
            ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/")
        ):
            errors["embed_url"] = _(
                "Gebruik een link van youtube-nocookie.com/embed of player.vimeo.com/video."
            )
        # A new page in the admin's create form is `live` by default until Wagtail decides; the
        # form checks that case (ScreencastPageForm). Publishing an existing page lands here.
        going_live = self.live and not self._state.adding
        if going_live and not self.captions_file:
            errors["captions_file"] = CAPTIONS_REQUIRED
        if going_live and not (self.has_video_file or self.embed_url):
            errors["video_file"] = _("Voeg een videobestand of de link van een speler toe.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_video_file(self) -> bool:
        return bool(self.video_file or self.video_file_mp4)

    @property
    def video_url(self) -> str:
        return reverse("learning:screencast_media", args=[self.pk, "video"])

    @property
    def video_mp4_url(self) -> str:
        return reverse("learning:screencast_media", args=[self.pk, "video-mp4"])

    @property
    def video_sources(self) -> list[tuple[str, str]]:
        """(URL, type) of each uploaded video, MP4 first: a browser plays the first source it
        can, and every phone plays H.264 in MP4, while not every one plays WebM."""
        sources = []
        if self.video_file_mp4:
            sources.append((self.video_mp4_url, "video/mp4"))
        if self.video_file:
            sources.append((self.video_url, self.video_type))
        return sources

    @property
    def download_url(self) -> str:
        """The video to download: the MP4 when there is one (it plays everywhere)."""
        return self.video_mp4_url if self.video_file_mp4 else self.video_url

    @property
    def captions_url(self) -> str:
        return reverse("learning:screencast_media", args=[self.pk, "ondertitels"])

    @property
    def video_type(self) -> str:
        return "video/mp4" if self.video_file.name.lower().endswith(".mp4") else "video/webm"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context["chapters"] = list(self.chapters.all())
        context["materials"] = list(self.materials.select_related("document"))
        context["questions"] = REFLECTION_QUESTIONS
        context["breadcrumb"] = [
            {"label": _("Start"), "url": "/"},
            {"label": parent.title, "url": parent.url},
            {"label": self.title, "url": self.url},
        ]
        return context


class ScreencastChapter(Orderable):
    page = ParentalKey(ScreencastPage, on_delete=models.CASCADE, related_name="chapters")
    title = models.CharField(_("titel"), max_length=120)
    timestamp = models.CharField(
        _("begint op"),
        max_length=8,
        validators=[RegexValidator(_TIMESTAMP, _("Schrijf het tijdstip als 1:05 of 1:02:03."))],
        help_text=_("Minuten en seconden, bijvoorbeeld 1:05."),
    )

    panels = [FieldPanel("title"), FieldPanel("timestamp")]

    class Meta(Orderable.Meta):
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")

    def __str__(self) -> str:
        return f"{self.timestamp} {self.title}"

    @property
    def seconds(self) -> int:
        return timestamp_seconds(self.timestamp)


class ScreencastMaterial(Orderable):
    page = ParentalKey(ScreencastPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("titel"), max_length=120, blank=True, help_text=_("Leeg: de titel van het document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materiaal")

    @property
    def label(self) -> str:
        return self.title or self.document.title


# --- Reflections ---------------------------------------------------------------------------


class ReflectionQuerySet(models.QuerySet["Reflection"]):
    def active(self) -> ReflectionQuerySet:
        return self.filter(revoked_at__isnull=True)

    def in_workspace(self) -> ReflectionQuerySet:
        return self.filter(in_workspace=True)


class Reflection(models.Model):
    """One team's answers to the four questions, reachable only through its private link.

    Only a SHA-256 hash of the link's token is stored, so a database copy does not open any
    reflection. The answers are a small document that is always read and written as a whole
    (never queried across reflections), hence JSON fields per step. No personal data: the
    municipality is public reference data.

    A reflection `in_workspace` belongs to its municipality: every member of that municipality
    sees it in `/mijn/`, whoever started it (`owner`) or claimed it. Its private link is then
    optional (`token_hash` may be empty) and revoking the link does not remove the reflection.
    """

    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("gemeente"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("eigenaar"),
    )
    initiatives = models.JSONField(_("burgerinitiatieven"), default=dict, blank=True)
    support_choices = models.JSONField(_("wat we willen ondersteunen"), default=dict, blank=True)
    support_forms = models.JSONField(_("manieren van ondersteunen"), default=dict, blank=True)
    needs = models.JSONField(_("wat de gemeente nodig heeft"), default=dict, blank=True)
    in_workspace = models.BooleanField(_("in de werkplek van de gemeente"), default=False)
    steps_done = models.PositiveSmallIntegerField(_("stappen klaar"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("laatst gebruikt"))
    revoked_at = models.DateTimeField(_("link ingetrokken"), null=True, blank=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_workspace=False) | models.Q(municipality__isnull=False),
                name="learning_reflection_workspace_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        place = (
            self.municipality.name_nl if self.municipality_id else _("gemeente nog niet gekozen")
        )
        return f"{_('Reflectie')} {self.pk} ({place})"

    @property
    def has_active_link(self) -> bool:
        """A private link exists and is not revoked (it may still have expired)."""
        return bool(self.token_hash) and self.revoked_at is None
