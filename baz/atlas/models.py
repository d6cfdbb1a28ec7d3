"""Inspireer elkaar: citizen initiatives, local-government profiles and organisations.

An `Entry` is a Wagtail snippet with drafts, revisions and locking: the row holds the
published (live) version, and an owner's later edits wait as a revision until a moderator
approves them. `status` is the lifecycle a person sees (concept → ingediend → gepubliceerd →
gearchiveerd); the services in `services/` keep it and Wagtail's `live` flag in step. Public
reads go through `selectors/` only, so the list, the map and the exports never disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
)
from wagtail.search import index

from baz.atlas.richtext import rich_text_stored
from baz.core.images import require_alt_text
from baz.core.text import normalize

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class TaxonomyTerm(models.Model):
    """A term of an editable taxonomy; slugs are what URLs and the API use."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(_("korte uitleg"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Werkvorm(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("werkvorm")
        verbose_name_plural = _("werkvormen")


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class EntryKind(models.TextChoices):
    INITIATIVE = "burgerinitiatief", _("Burgerinitiatief")
    LOCAL_GOVERNMENT = "lokaal-bestuur", _("Lokaal bestuur")
    ORGANISATION = "organisatie", _("Organisatie")


class EntryStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ingediend")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")


class EntryQuerySet(models.QuerySet["Entry"]):
    def published(self) -> EntryQuerySet:
        return self.filter(status=EntryStatus.PUBLISHED)


class Entry(  # type: ignore[django-manager-missing]
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    kind = models.CharField(_("soort"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(max_length=160, db_index=True)
    summary = models.CharField(
        _("korte omschrijving"),
        max_length=300,
        help_text=_("Wat doen jullie, voor wie? Maximaal 300 tekens."),
    )
    description = RichTextField(_("beschrijving"), features=DESCRIPTION_FEATURES, blank=True)
    # `description` cleaned for the public (baz.atlas.richtext), kept by `save()`. NULL (also
    # for rows written without `save()`, such as `bulk_create`) means: clean it when read.
    description_html = models.TextField(editable=False, null=True, default=None)

    # Where
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="atlas_entries",
        verbose_name=_("gemeente"),
    )
    served_municipalities = models.ManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="served_by_entries",
        verbose_name=_("werkt ook in"),
    )
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    # The point used on the map: the exact address when known, otherwise the municipality's
    # position (then `location_is_exact` is False and pages say "in gemeente X").
    latitude = models.FloatField(_("breedtegraad"), db_index=True)
    longitude = models.FloatField(_("lengtegraad"), db_index=True)
    location_is_exact = models.BooleanField(_("exacte ligging"), default=False)

    # What
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("thema's"))
    werkvormen = models.ManyToManyField(Werkvorm, blank=True, verbose_name=_("werkvormen"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("doelgroepen"))

    # Taking part
    how_to_join = models.TextField(_("hoe doe je mee?"), blank=True)
    cost = models.CharField(_("kostprijs"), max_length=200, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    accessibility = models.TextField(_("toegankelijkheid van de plek"), blank=True)

    # Public contact: each field is shown only with the owner's recorded consent.
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    show_contact_name = models.BooleanField(_("naam tonen"), default=False)
    show_contact_phone = models.BooleanField(_("telefoon tonen"), default=False)
    show_contact_email = models.BooleanField(_("e-mailadres tonen"), default=False)
    contact_consent_at = models.DateTimeField(
        _("toestemming voor contactgegevens gegeven op"), null=True, blank=True
    )
    # Who gave that consent: the owner of an initiative or organisation, a member of the
    # municipality for its lokaal-bestuur profile (services.entry_update checks it).
    contact_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemming voor contactgegevens gegeven door"),
    )
    website = models.URLField(_("website"), blank=True)
    social_links = models.JSONField(
        _("sociale media"), default=list, blank=True, help_text=_("Lijst van webadressen.")
    )

    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    image_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Wat staat er op de afbeelding? Verplicht als je een afbeelding toevoegt."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("gestart in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    # Local-government profile (kind = lokaal-bestuur only)
    contact_point = models.TextField(
        _("aanspreekpunt voor burgerinitiatieven"),
        blank=True,
        help_text=_("Bij wie kan een initiatiefnemer terecht? Dienst, naam, bereikbaarheid."),
    )
    regulation_url = models.URLField(_("link naar het reglement"), blank=True)
    baz_collaboration = models.BooleanField(
        _("samenwerking met BAZ"),
        default=False,
        help_text=_("Alleen BAZ-medewerkers zetten dit aan."),
    )
    baz_map_consent = models.BooleanField(
        _("mag op de kaart 'waar is BAZ actief'"),
        default=False,
        help_text=_("De gemeente gaf toestemming om getoond te worden."),
    )

    # Lifecycle
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        db_index=True,
    )
    last_confirmed_at = models.DateField(_("laatst bevestigd"), default=timezone.localdate)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="atlas_entries",
        verbose_name=_("eigenaar"),
    )
    submitter_email = models.EmailField(_("e-mailadres van de indiener"), blank=True)
    # Optimistic concurrency: every save through the services increments it, and a save
    # based on an older version is refused instead of overwriting someone else's changes.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # Wagtail's revisions need a GenericRelation to find an entry's revisions.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="atlas_entry")

    # Accent-free, lower-case name and summary (baz.core.text.normalize) for the free-text
    # filter: a plain `contains` on this column finds the same rows on SQLite and PostgreSQL.
    # It starts with the normalised name, so "name starts with the query" ranks first.
    search_text = models.TextField(editable=False, default="")

    objects = EntryQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("how_to_join"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("municipality_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("atlasfiche")
        verbose_name_plural = _("atlasfiches")
        indexes = [
            models.Index(fields=["status", "kind"], name="atlas_entry_status_kind"),
            models.Index(fields=["status", "latitude", "longitude"], name="atlas_entry_status_pos"),
            # The list's default order and "newest first" walk these instead of sorting.
            models.Index(fields=["status", "name", "id"], name="atlas_entry_status_name"),
            # SQLite walks this backwards for "newest first"; PostgreSQL needs its own order
            # (`atlas_entry_status_newest`, migration 0010, PostgreSQL only).
            models.Index(fields=["status", "published_at"], name="atlas_entry_status_published"),
        ]
        constraints = [
            # A municipality speaks with one voice: at most one published lokaal-bestuur
            # profile (concepts and archived ones may sit beside it). Migration 0012 settled
            # the duplicates that existed before.
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(kind="lokaal-bestuur", status="gepubliceerd"),
                name="atlas_entry_one_published_profile",
                violation_error_message=_(
                    "Deze gemeente heeft al een gepubliceerd profiel. Pas dat profiel aan, of "
                    "vraag de redactie om het te archiveren."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):  # type: ignore[override]
        return self._revisions

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # A derived column, not a business rule: it must follow every save path (services,
        # the Wagtail admin, revisions being published), so it is computed here.
        self.search_text = entry_search_text(self.name, self.summary)
        self.description_html = rich_text_stored(self.description)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "summary"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        if update_fields is not None and "description" in set(update_fields):
            kwargs["update_fields"] = {*kwargs["update_fields"], "description_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from baz.atlas.selectors.entries import entry_path

        return entry_path(self.pk, self.slug)

    @property
    def is_local_government(self) -> bool:
        return self.kind == EntryKind.LOCAL_GOVERNMENT

    def clean(self) -> None:
        super().clean()
        require_alt_text(image=self.image_id, alt=self.image_alt, alt_field="image_alt")
        if not self.is_local_government and (self.baz_collaboration or self.baz_map_consent):
            raise ValidationError(
                _("Alleen een lokaal bestuur kan een samenwerking met BAZ hebben.")
            )


def entry_search_text(name: str, summary: str) -> str:
    """What the free-text filter matches: the normalised name, then the normalised summary."""
    return f"{normalize(name)} | {normalize(summary)}"


class SupportOfferItem(models.TextChoices):
    CONTACT_POINT = "aanspreekpunt", _("Aanspreekpunt")
    SUBSIDY = "subsidie", _("Subsidie of reglement")
    SPACE = "ruimte", _("Ruimte")
    MATERIAL = "materiaal", _("Materiaal")
    COMMUNICATION = "communicatie", _("Communicatie")
    CONNECTING = "verbinden", _("Verbinden met andere initiatieven")
    TRAINING = "vorming", _("Vorming")
    INSURANCE = "vrijwilligersverzekering", _("Vrijwilligersverzekering")


class SupportOffer(Orderable):
    """One line of a local government's support offer: what it offers, in its own words."""

    entry = ParentalKey(Entry, on_delete=models.CASCADE, related_name="support_offers")
    item = models.CharField(_("onderdeel"), max_length=30, choices=SupportOfferItem.choices)
    text = models.TextField(_("wat bieden jullie?"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("ondersteuningsaanbod")
        verbose_name_plural = _("ondersteuningsaanbod")
        constraints = [
            models.UniqueConstraint(fields=["entry", "item"], name="support_offer_once_per_item")
        ]

    def __str__(self) -> str:
        return self.get_item_display()


class ContactRelay(models.Model):
    """A visitor's message to an entry's owner, stored before it is e-mailed.

    The owner's address is never shown to the visitor; the owner answers by replying to the
    e-mail (Reply-To is the visitor's address).
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="contact_relays")
    sender_name = models.CharField(_("naam"), max_length=150)
    sender_email = models.EmailField(_("e-mailadres"))
    message = models.TextField(_("bericht"), max_length=3000)
    recipient_email = models.EmailField(_("verstuurd naar"), blank=True)
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # When its e-mail was queued in the outbox; the outbox row (related "atlas.relay:<pk>")
    # says whether and when it was delivered.
    queued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("doorgestuurd bericht")
        verbose_name_plural = _("doorgestuurde berichten")

    def __str__(self) -> str:
        return f"{self.sender_name} → {self.entry}"


class CorrectionRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "behandeld", _("Behandeld")


class CorrectionRequest(models.Model):
    """A visitor reports a mistake on an entry; moderators handle it in the admin."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="correction_requests")
    message = models.TextField(_("wat klopt er niet?"), max_length=3000)
    reporter_email = models.EmailField(_("e-mailadres (niet verplicht)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CorrectionRequestStatus.choices,
        default=CorrectionRequestStatus.OPEN,
        db_index=True,
    )
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("behandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    handled_note = models.TextField(_("wat deed de redactie?"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("foutmelding")
        verbose_name_plural = _("foutmeldingen")

    def __str__(self) -> str:
        return f"{self.entry}: {self.message[:40]}"


# --- Write side: what happened to an entry, and who got which mail -------------------------


class EntryEventKind(models.TextChoices):
    SUBMITTED = "ingediend", _("Ingediend")
    CHANGES_SUBMITTED = "wijziging-ingediend", _("Wijziging ingediend")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    REJECTED = "afgewezen", _("Afgewezen")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")
    CONFIRMED_FRESH = "bevestigd", _("Nog actueel bevestigd")
    FRESHNESS_REMINDER = "herinnering", _("Herinnering verstuurd")
    IMPORTED = "geimporteerd", _("Geïmporteerd uit een bestand")
    UPDATED_BY_IMPORT = "bijgewerkt-door-import", _("Bijgewerkt uit een bestand")


class EntryEvent(models.Model):
    """One step in an entry's life, written by the services in `services/`.

    The daily digest reads what was proposed and published since the last digest, and the
    freshness command reads when it last sent a reminder, so both stay idempotent.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=30, choices=EntryEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("bericht"), blank=True)
    created_at = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [models.Index(fields=["kind", "created_at"], name="atlas_event_kind_at")]

    def __str__(self) -> str:
        return f"{self.entry} · {self.get_kind_display()}"


class ImportUpload(models.Model):
    """A spreadsheet uploaded for a bulk import, kept between the preview and the confirmation.

    The file is stored in the database under a random key, for the person who uploaded it
    only, with its SHA-256; the preview and the import both read it from here, never from what
    a browser sends back. The content is cleared once imported (name and hash stay, so every
    imported entry's history can name its file) and rows expire after
    `ATLAS_IMPORT_KEEP_HOURS`.
    """

    key = models.CharField(max_length=43, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(default=b"", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    # What the import did: {"created": [ids], "updated": [ids], "skipped": n, "errors": n}.
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("geüpload importbestand")
        verbose_name_plural = _("geüploade importbestanden")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class DigestReceipt(models.Model):
    """When a municipality user last got the daily atlas digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="atlas_digest_receipt"
    )
    sent_at = models.DateTimeField(_("laatst verstuurd op"))

    class Meta:
        verbose_name = _("dagoverzicht")
        verbose_name_plural = _("dagoverzichten")

    def __str__(self) -> str:
        return f"{self.user} · {self.sent_at:%Y-%m-%d %H:%M}"


class DataVersion(models.Model):
    """One row whose counter goes up whenever public atlas data may have changed.

    The open-data API builds its ETags and cache keys from it, so "has anything changed?" is
    one primary-key read instead of an aggregate over every entry. `baz.atlas.versioning`
    bumps it on every save or delete of an entry or taxonomy term, every taxonomy change of
    an entry, and from the few bulk writes that skip signals.
    """

    counter = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("versie van de atlasgegevens")
        verbose_name_plural = _("versies van de atlasgegevens")

    def __str__(self) -> str:
        return f"{self.counter} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class EntryFeature(models.Model):
    """An entry's GeoJSON feature as stored text, so the full export only concatenates.

    Used on PostgreSQL only (`baz.atlas.export_sql`), which fills missing rows with one SQL
    statement when an export needs them. Database triggers (migration 0009) delete an entry's
    row whenever anything it shows changes: the entry itself, its taxonomy links, a term, its
    municipality or province, by whatever path (services, admin, queryset updates, raw SQL).
    `recipe` names the SQL that built the text: rows from another recipe are rebuilt.
    """

    entry = models.OneToOneField(
        Entry,
        on_delete=models.DO_NOTHING,  # a trigger deletes the row with its entry
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    recipe = models.CharField(max_length=32)
    text = models.TextField()

    class Meta:
        verbose_name = _("GeoJSON-tekst van een fiche")
        verbose_name_plural = _("GeoJSON-teksten van fiches")

    def __str__(self) -> str:
        return f"feature {self.pk}"


class BazTrajectoryMunicipality(models.Model):
    """A municipality where a BAZ coaching trajectory makes BAZ active on the public map.

    The atlas owns the fact "BAZ is active here": a municipality is active
    when its lokaal-bestuur profile is marked *samenwerking met BAZ* with consent (fields on
    `Entry`), or when it has a row here. Coaching keeps these rows in step through
    `baz.atlas.services.baz_active.baz_trajectory_municipalities_set` whenever a trajectory's
    state or map consent changes: a row means a trajectory from *intake* up to *afgerond* whose
    municipality consented to be shown. The atlas never reads coaching's tables.
    """

    municipality = models.OneToOneField(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    since = models.DateTimeField(_("actief sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("gemeente met een BAZ-traject")
        verbose_name_plural = _("gemeenten met een BAZ-traject")

    def __str__(self) -> str:
        return str(self.municipality_id)
