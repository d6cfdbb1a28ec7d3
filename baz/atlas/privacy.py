"""The atlas's part of a person's own data (see `baz.accounts.privacy`).

Export: the entries they own or proposed from their address, the messages relayed from them
and to them, and the correction requests they filed.

Erase:
- entries: `services.entries_release_owner` (municipality profiles stay with the municipality,
  other entries are archived, contact details cleared in every revision); an entry that names
  their address as its contact address loses its contact details too. The release works with
  queryset updates, which skip the signals that keep the site search and Wagtail's index in
  step, so every touched entry is re-indexed here through the search app's service, and each
  archived entry gets its event in the entry's history;
- relayed messages from them lose name, address, text and client key (as by the retention
  job), with their copy in the outbox; messages to them lose the address they went to;
- correction requests from them lose text, address and client key (the moderator's note and
  the status stay);
- files they uploaded for a bulk import and never confirmed are deleted (they may name other
  people); imported ones keep only the file's name and hash, and lose the link to them.

Bulk imports bring in other people's contact details: they are stored hidden (no consent is
recorded by an import), and an entry that names a person's address loses its contact details
when that person erases their account, as above.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision
from wagtail.search import index as wagtail_index

from baz.accounts.models import User
from baz.accounts.privacy import PrivacyProvider, iso, register, register_exempt
from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    Entry,
    EntryEvent,
    EntryEventKind,
    EntryStatus,
    ImportUpload,
)
from baz.atlas.retention import relay_outbox_key
from baz.atlas.services.editing import PERSONAL_CONTACT_CLEARED, entries_release_owner
from baz.atlas.versioning import data_version_bump
from baz.mail.services import outbox_forget
from baz.search.services import entries_index


def _entries(user: User) -> Any:
    return Entry.objects.filter(Q(owner=user) | Q(submitter_email__iexact=user.email))


def _export(user: User) -> dict[str, Any]:
    email = user.email
    entries = _entries(user).select_related("municipality").order_by("name", "pk")
    relays = ContactRelay.objects.filter(
        Q(sender_email__iexact=email) | Q(recipient_email__iexact=email)
    ).select_related("entry")
    corrections = CorrectionRequest.objects.filter(reporter_email__iexact=email).select_related(
        "entry"
    )
    return {
        "atlas_entries": [
            {
                "name": e.name,
                "kind": e.kind,
                "status": e.status,
                "municipality": e.municipality.name_nl,
                "summary": e.summary,
                "contact_name": e.contact_name,
                "contact_email": e.contact_email,
                "contact_phone": e.contact_phone,
                "owner": e.owner_id == user.pk,
                "proposed_from_your_address": e.submitter_email.lower() == email.lower(),
                "created_at": iso(e.created_at),
            }
            for e in entries
        ],
        "atlas_relayed_messages": [
            {
                "entry": r.entry.name,
                "sent_by_you": r.sender_email.lower() == email.lower(),
                "name": r.sender_name,
                "email": r.sender_email,
                "message": r.message,
                "sent_to": r.recipient_email,
                "written_at": iso(r.created_at),
                "queued_at": iso(r.queued_at),
            }
            for r in relays.order_by("created_at", "pk")
        ],
        "atlas_correction_requests": [
            {
                "entry": c.entry.name,
                "message": c.message,
                "email": c.reporter_email,
                "status": c.status,
                "filed_at": iso(c.created_at),
                "handled_at": iso(c.handled_at),
            }
            for c in corrections.order_by("created_at", "pk")
        ],
        "atlas_imports": [
            {
                "file_name": u.file_name,
                "sha256": u.sha256,
                "municipality": u.municipality.name_nl,
                "uploaded_at": iso(u.created_at),
                "imported_at": iso(u.imported_at),
                "result": u.result,
            }
            for u in ImportUpload.objects.filter(user=user)
            .select_related("municipality")
            .order_by("created_at", "pk")
        ],
    }


def _clear_contact_details(entry_ids: list[int], email: str) -> int:
    """Entries that give the person's address as contact lose the details, also in revisions."""
    cleared = 0
    for entry in Entry.objects.filter(pk__in=entry_ids):
        for name, value in PERSONAL_CONTACT_CLEARED.items():
            setattr(entry, name, value)
        entry.version += 1
        entry.save(update_fields=[*PERSONAL_CONTACT_CLEARED, "version", "updated_at"])
        cleared += 1
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Entry),
        object_id__in=[str(pk) for pk in entry_ids],
    )
    for revision in revisions.only("pk", "content").iterator():
        content = dict(revision.content)
        if (content.get("contact_email") or "").lower() == email.lower():
            content.update(PERSONAL_CONTACT_CLEARED)
            revision.content = content
            revision.save(update_fields=["content"])
    if cleared:
        data_version_bump()
    return cleared


def _erase(user: User) -> dict[str, int]:
    now = timezone.now()
    email = user.email
    touched = set(_entries(user).values_list("pk", flat=True))
    not_archived = set(
        Entry.objects.filter(pk__in=touched)
        .exclude(status=EntryStatus.ARCHIVED)
        .values_list("pk", flat=True)
    )
    handed_over, archived = entries_release_owner(user=user)
    newly_archived = Entry.objects.filter(pk__in=not_archived, status=EntryStatus.ARCHIVED)
    for entry in newly_archived:
        EntryEvent.objects.create(
            entry=entry,
            kind=EntryEventKind.ARCHIVED,
            message=_("Gearchiveerd: de eigenaar heeft het account verwijderd."),
        )
    named = list(Entry.objects.filter(contact_email__iexact=email).values_list("pk", flat=True))
    contacts_cleared = _clear_contact_details(named, email)
    touched.update(named)
    # The release wrote with queryset updates: bring both search indexes up to date.
    entries_index(entry_ids=touched)
    for entry in Entry.objects.filter(pk__in=touched):
        wagtail_index.insert_or_update_object(entry)

    relays_sent = 0
    for relay in ContactRelay.objects.filter(sender_email__iexact=email):
        outbox_forget(addresses=[relay.sender_email], related=[relay_outbox_key(relay.pk)], now=now)
        relay.sender_name = relay.sender_email = relay.message = relay.client_key = ""
        relay.save(update_fields=["sender_name", "sender_email", "message", "client_key"])
        relays_sent += 1
    relays_received = 0
    for relay in ContactRelay.objects.filter(recipient_email__iexact=email):
        relay.recipient_email = ""
        relay.save(update_fields=["recipient_email"])
        relays_received += 1
    corrections = 0
    for report in CorrectionRequest.objects.filter(reporter_email__iexact=email):
        report.message = report.reporter_email = report.client_key = ""
        report.save(update_fields=["message", "reporter_email", "client_key"])
        corrections += 1
    imports_deleted, _by_model = ImportUpload.objects.filter(
        user=user, imported_at__isnull=True
    ).delete()
    ImportUpload.objects.filter(user=user).update(user=None)
    return {
        "imports_deleted": imports_deleted,
        "entries_handed_over": handed_over,
        "entries_archived": archived,
        "entries_contact_cleared": contacts_cleared,
        "relayed_messages_sent": relays_sent,
        "relayed_messages_received": relays_received,
        "correction_requests": corrections,
    }


register(
    PrivacyProvider(
        name="atlas",
        export=_export,
        erase=_erase,
        models=(
            "atlas.Entry",
            "atlas.ContactRelay",
            "atlas.CorrectionRequest",
            "atlas.ImportUpload",
        ),
    )
)
register_exempt(
    "atlas.EntryEvent",
    "An entry's history: the account link is cleared by the database when the account goes "
    "(SET_NULL); its text is a moderator's message about the entry.",
)
