"""Bulk import: a municipality's initiatives from a spreadsheet, previewed, then written at once.

1. `import_upload_store` checks the right (`ENTRY_IMPORT`: a beheerder of the municipality, or
   redactie), reads the whole file once (a refused file stores nothing) and keeps it in the
   database under a random key for that person, with its SHA-256.
2. `import_preview` reads the stored file again and gives every row its fate: new, update
   (same name as an entry of the municipality), possible duplicate (a similar name, by
   rapidfuzz in Python, so SQLite and PostgreSQL agree) or error (row, column, what to do).
3. `import_confirm` recomputes that preview from the stored file (a browser only sends the
   choice per row and a digest of the preview it saw) and writes every row in one transaction.

Imported entries are published for the municipality with their contact details hidden: the
owner or the municipality switches each one on in the edit form, which records the consent.
Every written entry gets an event naming the file and its hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from baz.accounts import permissions
from baz.atlas.import_file import ImportFileError, Sheet, header_key, read_sheet
from baz.atlas.models import (
    Entry,
    EntryEvent,
    EntryEventKind,
    EntryKind,
    EntryStatus,
    ImportUpload,
    TargetGroup,
    Theme,
    Werkvorm,
    entry_search_text,
)
from baz.atlas.services.common import CONTACT_SWITCHES, description_sanitise
from baz.atlas.services.editing import entry_update
from baz.atlas.signals import entries_written_in_bulk
from baz.atlas.versioning import data_version_bump
from baz.core.models import Municipality, PostalCode
from baz.core.text import normalize

if TYPE_CHECKING:
    from baz.accounts.models import User

# A name this similar (rapidfuzz's token_sort_ratio, 0-100, on normalised names) to an existing
# entry of the municipality is shown as a possible duplicate.
DUPLICATE_SCORE = 85

NEW, UPDATE, DUPLICATE, ERROR = "nieuw", "bijwerken", "mogelijk-dubbel", "fout"
SKIP = "overslaan"


@dataclass(frozen=True)
class Column:
    key: str  # the template's header, as `header_key` reads it
    header: str  # the template's header as people see it
    field: str
    explanation: str
    example: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def columns() -> list[Column]:
    """The template's columns, in order, with the explanation shown on the import page."""
    return [
        Column(
            "naam",
            _("Naam"),
            "name",
            _("De naam van het initiatief. Verplicht."),
            "Buurtsoep De Pollepel",
            required=True,
            aliases=("naam initiatief", "name"),
        ),
        Column(
            "soort",
            _("Soort"),
            "kind",
            _("'burgerinitiatief' of 'organisatie'. Leeg betekent burgerinitiatief."),
            "burgerinitiatief",
            aliases=("type",),
        ),
        Column(
            "korte omschrijving",
            _("Korte omschrijving"),
            "summary",
            _("Wat doen jullie, voor wie? Eén of twee zinnen, maximaal 300 tekens. Verplicht."),
            "Elke dinsdag koken buren samen soep voor wie alleen woont.",
            required=True,
            aliases=("omschrijving", "samenvatting"),
        ),
        Column(
            "beschrijving",
            _("Beschrijving"),
            "description",
            _("Een langere uitleg. Een lege regel begint een nieuwe alinea."),
            "We koken in het buurthuis en brengen soep rond.",
            aliases=("uitleg",),
        ),
        Column(
            "straat en nummer",
            _("Straat en nummer"),
            "street",
            _("Het adres waar het initiatief doorgaat, als dat er is."),
            "Dorpsstraat 12",
            aliases=("straat", "adres"),
        ),
        Column(
            "postcode",
            _("Postcode"),
            "postal_code",
            _(
                "Vier cijfers. Een postcode van de gemeente zet de fiche op de juiste plek "
                "op de kaart."
            ),
            "9000",
        ),
        Column(
            "plaats",
            _("Plaats"),
            "place",
            _("De deelgemeente of plaats."),
            "Gent",
            aliases=("deelgemeente", "woonplaats"),
        ),
        Column(
            "website",
            _("Website"),
            "website",
            _("Een volledig webadres dat begint met https://."),
            "https://www.voorbeeld.be",
            aliases=("webadres", "url"),
        ),
        Column(
            "gestart in",
            _("Gestart in"),
            "start_year",
            _("Het jaar waarin het initiatief begon, bijvoorbeeld 2019. Een datum mag ook."),
            "2019",
            aliases=("startjaar", "jaar", "opgericht"),
        ),
        Column(
            "themas",
            _("Thema's"),
            "themes",
            _("Eén of meer thema's van Inspireer elkaar, gescheiden door komma's."),
            "",
            aliases=("thema s", "thema"),
        ),
        Column(
            "werkvormen",
            _("Werkvormen"),
            "werkvormen",
            _("Eén of meer werkvormen, gescheiden door komma's."),
            "",
            aliases=("werkvorm",),
        ),
        Column(
            "doelgroepen",
            _("Doelgroepen"),
            "target_groups",
            _("Eén of meer doelgroepen, gescheiden door komma's."),
            "",
            aliases=("doelgroep",),
        ),
        Column(
            "hoe doe je mee",
            _("Hoe doe je mee?"),
            "how_to_join",
            _("Hoe kan iemand meedoen of hulp vragen?"),
            "Kom langs of bel ons.",
            aliases=("meedoen",),
        ),
        Column(
            "contactpersoon",
            _("Contactpersoon"),
            "contact_name",
            _(
                "Naam van de contactpersoon. Wordt pas getoond als die persoon of de "
                "gemeente toestemming geeft in de fiche."
            ),
            "An Peeters",
            aliases=("contact", "naam contactpersoon"),
        ),
        Column(
            "telefoon",
            _("Telefoon"),
            "contact_phone",
            _("Telefoonnummer van de contactpersoon. Ook verborgen tot er toestemming is."),
            "09 123 45 67",
            aliases=("telefoonnummer", "tel", "gsm"),
        ),
        Column(
            "e mailadres",
            _("E-mailadres"),
            "contact_email",
            _("E-mailadres van de contactpersoon. Ook verborgen tot er toestemming is."),
            "an.peeters@voorbeeld.be",
            aliases=("e mail", "email", "mail"),
        ),
    ]


def _aliases() -> dict[str, str]:
    found: dict[str, str] = {}
    for column in columns():
        for name in (column.key, header_key(column.header), *column.aliases):
            found[name] = column.key
    return found


M2M_MODELS: dict[str, Any] = {"themes": Theme, "werkvormen": Werkvorm, "target_groups": TargetGroup}
KIND_WORDS = {
    "": EntryKind.INITIATIVE,
    "burgerinitiatief": EntryKind.INITIATIVE,
    "initiatief": EntryKind.INITIATIVE,
    "organisatie": EntryKind.ORGANISATION,
}


class PreviewChanged(Exception):
    """The stored file or the atlas changed since the preview the person confirmed."""


@dataclass
class PreviewRow:
    number: int
    name: str
    fate: str
    errors: list[str] = field(default_factory=list)
    match_id: int | None = None
    match_name: str = ""
    score: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def default_choice(self) -> str:
        return UPDATE if self.fate == UPDATE else SKIP


@dataclass
class Preview:
    upload: ImportUpload
    rows: list[PreviewRow]

    def count(self, fate: str) -> int:
        return sum(1 for row in self.rows if row.fate == fate)

    @property
    def counts(self) -> dict[str, int]:
        return {fate: self.count(fate) for fate in (NEW, UPDATE, DUPLICATE, ERROR)}

    @property
    def digest(self) -> str:
        """What the person saw: each row's fate and match. Changes if the atlas changed."""
        seen = [(row.number, row.fate, row.match_id) for row in self.rows]
        return hashlib.sha256(json.dumps(seen).encode()).hexdigest()


# --- Upload ------------------------------------------------------------------------------


def too_large_message() -> str:
    return _(
        "Dit bestand is te groot. Kies een bestand kleiner dan %(mb)s MB, of verdeel de rijen "
        "over meer bestanden."
    ) % {"mb": max(1, settings.ATLAS_IMPORT_MAX_BYTES // (1024 * 1024))}


def _read(content: bytes) -> Sheet:
    if len(content) > settings.ATLAS_IMPORT_MAX_BYTES:
        raise ImportFileError(too_large_message())
    return read_sheet(
        content,
        aliases=_aliases(),
        required=[c.key for c in columns() if c.required],
        max_rows=settings.ATLAS_IMPORT_MAX_ROWS,
    )


def import_upload_store(
    *, user: User | None, municipality: Municipality, file_name: str, content: bytes
) -> ImportUpload:
    """Check and keep an uploaded file; `ImportFileError` refuses the whole file.

    `user` None is the command line (`manage.py atlas_import`), which has no session.
    """
    if user is not None:
        permissions.require(user, permissions.ENTRY_IMPORT, municipality)
    _read(content)  # refuse now, with nothing stored, what can never be imported
    now = timezone.now()
    ImportUpload.objects.filter(expires_at__lt=now).delete()
    upload = ImportUpload(
        key=secrets.token_urlsafe(32),
        user=user,
        municipality=municipality,
        file_name=(file_name or "bestand").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        created_at=now,
        expires_at=now + timedelta(hours=settings.ATLAS_IMPORT_KEEP_HOURS),
    )
    upload.full_clean(exclude=["content"])
    upload.save()
    return upload


def import_upload_for(*, user: User, key: str) -> ImportUpload | None:
    """The person's own upload with this key (expired ones too: the page says so), else None."""
    if not user.is_authenticated:
        return None
    return ImportUpload.objects.select_related("municipality").filter(key=key, user=user).first()


def import_upload_expired(upload: ImportUpload) -> bool:
    return upload.imported_at is None and upload.expires_at <= timezone.now()


# --- Preview -----------------------------------------------------------------------------


def _split_terms(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _phone(text: str) -> str:
    # Excel drops the leading 0 of a number typed as a number: 91234567 was 091234567.
    if re.fullmatch(r"[1-9]\d{7,8}", text):
        return "0" + text
    return text


def _year(text: str) -> int | None:
    found = re.search(r"\b(1[89]\d\d|20\d\d|2100)\b", text)
    if found:
        return int(found.group(1))
    if re.fullmatch(r"\d{5}", text):  # an Excel date serial read from a CSV
        return (date(1899, 12, 30) + timedelta(days=int(text))).year
    raise ValueError(text)


class _Context:
    """What every row of one preview needs, read once."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        # Built once per file: the Dutch texts cost a translation lookup each.
        self.columns = columns()
        self.labels = {c.field: c.header for c in self.columns}
        self.postal: dict[str, tuple[float, float]] = {}
        for code, lat, lon in (
            PostalCode.objects.filter(municipality=municipality, latitude__isnull=False)
            .order_by("-pk")
            .values_list("code", "latitude", "longitude")
        ):
            if lat is not None and lon is not None:  # the lowest pk wins, as in location_set
                self.postal[code] = (lat, lon)
        self.terms = {
            name: {
                key: term
                for term in model.objects.all()
                for key in (normalize(term.name), term.slug)
            }
            for name, model in M2M_MODELS.items()
        }
        existing = (
            Entry.objects.filter(municipality=municipality)
            .exclude(status=EntryStatus.ARCHIVED)
            .exclude(kind=EntryKind.LOCAL_GOVERNMENT)
            .order_by("pk")
            .values_list("pk", "name")
        )
        self.existing: dict[int, str] = dict(existing)
        self.normalised = {pk: normalize(name) for pk, name in self.existing.items()}
        self.by_normalised: dict[str, int] = {}
        for pk, name in self.normalised.items():
            self.by_normalised.setdefault(name, pk)


def _row_entry(cells: Mapping[str, str], ctx: _Context, errors: list[str]) -> PreviewRow:
    labels = ctx.labels
    data: dict[str, Any] = {}
    m2m: dict[str, list[Any]] = {}

    def error(field_name: str, message: str) -> None:
        errors.append(
            _("Kolom '%(column)s': %(message)s")
            % {"column": labels[field_name], "message": message}
        )

    for column in ctx.columns:
        value = cells.get(column.key, "")
        if column.field == "kind":
            kind = KIND_WORDS.get(normalize(value))
            if kind is None:
                error("kind", _("schrijf 'burgerinitiatief' of 'organisatie', of laat leeg."))
            data["kind"] = kind or EntryKind.INITIATIVE
        elif column.field in M2M_MODELS:
            chosen = []
            for term in _split_terms(value):
                found = ctx.terms[column.field].get(normalize(term))
                if found is None:
                    error(
                        column.field,
                        _("'%(term)s' kennen we niet. Kies uit: %(known)s.")
                        % {
                            "term": term,
                            "known": ", ".join(
                                sorted({t.name for t in ctx.terms[column.field].values()})
                            ),
                        },
                    )
                else:
                    chosen.append(found)
            if value:
                m2m[column.field] = chosen
        elif column.field == "start_year":
            if value:
                try:
                    data["start_year"] = _year(value)
                except ValueError:
                    error("start_year", _("schrijf een jaartal, bijvoorbeeld 2019."))
        elif column.field == "contact_phone":
            data["contact_phone"] = _phone(value)
        elif column.field == "description":
            data["description"] = description_sanitise(value)
        elif column.field == "website" and value and "://" not in value:
            data["website"] = "https://" + value
        else:
            data[column.field] = value
    return PreviewRow(number=0, name=data.get("name", ""), fate=NEW, data=data, m2m=m2m)


def _entry_build(row: PreviewRow, ctx: _Context) -> Entry:
    """An unsaved, published entry from a row, as the import writes it."""
    data = row.data
    entry = Entry(
        municipality=ctx.municipality,
        status=EntryStatus.PUBLISHED,
        live=True,
        has_unpublished_changes=False,
        **{key: value for key, value in data.items() if value not in (None,)},
    )
    entry.slug = slugify(entry.name)[:160] or "fiche"
    point = ctx.postal.get(entry.postal_code)
    if point is not None:
        entry.latitude, entry.longitude = point
        entry.location_is_exact = bool(entry.street)
    else:
        entry.latitude = ctx.municipality.latitude or 0.0
        entry.longitude = ctx.municipality.longitude or 0.0
        entry.location_is_exact = False
    return entry


_SKIP_CLEAN = ["owner", "image", "contact_consent_by", "latitude", "longitude", "municipality"]


def _validate(row: PreviewRow, ctx: _Context) -> None:
    labels = ctx.labels
    entry = _entry_build(row, ctx)
    try:
        entry.full_clean(exclude=_SKIP_CLEAN, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            label = labels.get(field_name)
            for message in messages:
                if label:
                    row.errors.append(
                        _("Kolom '%(column)s': %(message)s") % {"column": label, "message": message}
                    )
                else:
                    row.errors.append(message)
    if row.data.get("postal_code") and not re.fullmatch(r"\d{4}", row.data["postal_code"]):
        row.errors.append(
            _("Kolom '%(column)s': schrijf vier cijfers, bijvoorbeeld 9000.")
            % {"column": labels["postal_code"]}
        )


def import_preview(*, upload: ImportUpload) -> Preview:
    """Every row of the stored file with its fate; writes nothing."""
    content = bytes(upload.content)
    if hashlib.sha256(content).hexdigest() != upload.sha256:
        raise PreviewChanged()
    sheet = _read(content)
    ctx = _Context(upload.municipality)
    seen: dict[str, int] = {}
    rows = []
    for sheet_row in sheet.rows:
        errors: list[str] = []
        row = _row_entry(sheet_row.cells, ctx, errors)
        row.number = sheet_row.number
        row.errors = errors
        _validate(row, ctx)
        key = normalize(row.name)
        if key and key in seen:
            row.errors.append(
                _("Deze naam staat ook in rij %(row)s. Laat één van de twee rijen weg.")
                % {"row": seen[key]}
            )
        elif key:
            seen[key] = row.number
        if row.errors:
            row.fate = ERROR
        elif key in ctx.by_normalised:
            row.fate = UPDATE
            row.match_id = ctx.by_normalised[key]
            row.score = 100
        else:
            best = process.extractOne(
                key, ctx.normalised, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_SCORE
            )
            if best is not None:
                row.fate = DUPLICATE
                row.match_id = best[2]
                row.score = round(best[1])
        if row.match_id is not None:
            row.match_name = ctx.existing[row.match_id]
        rows.append(row)
    return Preview(upload=upload, rows=rows)


# --- Confirm -----------------------------------------------------------------------------


# Wagtail log actions: every imported or updated entry shows the file in its admin history.
ACTION_IMPORTED = "baz_atlas.imported"
ACTION_UPDATED_BY_IMPORT = "baz_atlas.updated_by_import"


def _history_entries(
    entries: Iterable[tuple[Entry, str]], upload: ImportUpload, user: User | None, now: Any
) -> None:
    """Write one history line per entry (Wagtail's log, shown at the entry's "Geschiedenis")."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(Entry, for_concrete_model=False)
    data = {"file": upload.file_name, "sha256": upload.sha256}
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(entry.pk),
                label=entry.name[:255],
                action=action,
                data=data,
                user=user,
                timestamp=now,
                content_changed=True,
            )
            for entry, action in entries
        ],
        batch_size=500,
    )


def _event_message(upload: ImportUpload) -> str:
    return _("Bestand '%(name)s' (SHA-256 %(hash)s)") % {
        "name": upload.file_name,
        "hash": upload.sha256,
    }


def _update_data(row: PreviewRow, entry: Entry) -> dict[str, Any]:
    """What an update changes: the filled-in cells, never a contact detail shown with consent."""
    data = {k: v for k, v in row.data.items() if k != "kind" and v not in ("", None)}
    for switch, detail in CONTACT_SWITCHES.items():
        if getattr(entry, switch):
            data.pop(detail, None)
    return {**data, **row.m2m}


@transaction.atomic
def import_confirm(
    *,
    upload: ImportUpload,
    user: User | None,
    choices: Mapping[str, str],
    digest: str | None,
) -> dict[str, Any]:
    """Write the rows of a previewed upload in one transaction; returns the result.

    `choices` maps a row number (as text) to "bijwerken" or "overslaan" for rows that match an
    existing entry; rows without a choice keep their default (an exact match is updated, a
    possible duplicate skipped). `digest` is the preview the person saw: if the atlas changed
    since, `PreviewChanged` asks them to look again. `user` None is the command line.
    """
    upload = (
        ImportUpload.objects.select_for_update().select_related("municipality").get(pk=upload.pk)
    )
    if upload.imported_at is not None:
        return upload.result
    if user is not None:
        permissions.require(user, permissions.ENTRY_IMPORT, upload.municipality)
    if import_upload_expired(upload):
        raise PreviewChanged()
    preview = import_preview(upload=upload)
    if digest is not None and digest != preview.digest:
        raise PreviewChanged()
    ctx = _Context(upload.municipality)
    message = _event_message(upload)
    actor = user if user is not None and user.is_authenticated else None
    created: list[int] = []
    updated: list[int] = []
    skipped = 0
    events: list[EntryEvent] = []
    new_rows: list[tuple[Entry, PreviewRow]] = []
    now = timezone.now()
    for row in preview.rows:
        if row.fate == ERROR:
            continue
        if row.fate in (UPDATE, DUPLICATE):
            if choices.get(str(row.number), row.default_choice) != UPDATE:
                skipped += 1
                continue
            if actor is None:
                # The command line has no person whose right `entry_update` could check.
                skipped += 1
                continue
            entry = Entry.objects.get(pk=row.match_id)
            entry = entry_update(
                entry=entry,
                data=_update_data(row, entry),
                expected_version=entry.version,
                user=actor,
            )
            updated.append(entry.pk)
            events.append(
                EntryEvent(
                    entry=entry,
                    kind=EntryEventKind.UPDATED_BY_IMPORT,
                    user=actor,
                    message=message,
                    created_at=now,
                )
            )
            continue
        entry = _entry_build(row, ctx)
        entry.owner = actor
        entry.submitter_email = actor.email if actor is not None else ""
        entry.published_at = now
        entry.last_confirmed_at = timezone.localdate()
        # Written in bulk: `save()` and its index signals cost a few hundred ms per row.
        # What `Entry.save()` derives is set here; `description_html` NULL is cleaned on read.
        entry.search_text = entry_search_text(entry.name, entry.summary)
        entry.description_html = None
        new_rows.append((entry, row))
    Entry.objects.bulk_create([entry for entry, _row in new_rows], batch_size=500)
    for name in M2M_MODELS:
        through = getattr(Entry, name).through
        column = f"{M2M_MODELS[name]._meta.model_name}_id"
        through.objects.bulk_create(
            [
                through(entry_id=entry.pk, **{column: term.pk})
                for entry, row in new_rows
                for term in row.m2m.get(name, [])
            ],
            batch_size=1000,
        )
    for entry, _row in new_rows:
        created.append(entry.pk)
        events.append(
            EntryEvent(
                entry=entry,
                kind=EntryEventKind.IMPORTED,
                user=actor,
                message=message,
                created_at=now,
            )
        )
    EntryEvent.objects.bulk_create(events, batch_size=500)
    _history_entries(
        [
            (event.entry, ACTION_IMPORTED)
            if event.kind == EntryEventKind.IMPORTED
            else (event.entry, ACTION_UPDATED_BY_IMPORT)
            for event in events
        ],
        upload,
        actor,
        now,
    )
    data_version_bump()
    entries_written_in_bulk.send(sender=Entry, entry_ids=created)
    upload.result = {
        "created": created,
        "updated": updated,
        "skipped": skipped,
        "errors": preview.count(ERROR),
    }
    upload.imported_at = now
    upload.content = b""  # the file may name people: keep only its name and hash
    upload.save(update_fields=["result", "imported_at", "content"])
    return upload.result


def import_template_rows() -> Iterable[list[str]]:
    """The template: the Dutch headers and one example row."""
    yield [c.header for c in columns()]
    yield [c.example for c in columns()]
