"""Atlas write side: propose an entry, confirm it, keep it fresh, edit it in /mijn/.

Views stay thin: they parse input with the forms in `forms.py`, hand it to `services/` and
render Dutch templates. Links from e-mails never change anything on a GET: mail scanners open
links, so only the button on the page (a POST) confirms.
"""

from __future__ import annotations

import errno
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from baz.accounts import permissions
from baz.accounts.models import Role
from baz.accounts.permissions import municipality_roles
from baz.atlas.forms import EntryAddForm, EntryEditForm, ProposeForm, RejectForm
from baz.atlas.models import Entry, EntryStatus
from baz.atlas.richtext import rich_text_clean
from baz.atlas.selectors.contribute import municipalities_to_add_in
from baz.atlas.selectors.figures import entry_figures, theme_shares
from baz.atlas.selectors.moderation import moderation_queue
from baz.atlas.selectors.reminders import entry_is_fresh
from baz.atlas.services.common import (
    ConflictError,
    TokenUnavailable,
    entry_for_freshness_token,
    entry_for_submission_token,
)
from baz.atlas.services.editing import (
    entry_add,
    entry_archive,
    entry_submit,
    entry_update,
    local_government_profile_ensure,
)
from baz.atlas.services.freshness import entry_confirm_fresh
from baz.atlas.services.moderation import (
    entry_approve,
    entry_can_publish,
    entry_has_pending_changes,
    entry_pending_m2m,
    entry_publish,
    entry_reject,
)
from baz.atlas.services.proposals import entry_confirm_submission, entry_propose
from baz.core.forms import add_service_errors, service_error_text
from baz.core.models import Municipality
from baz.core.ratelimit import limit_exceeded

STORAGE_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
STORAGE_FULL_MESSAGE = _lazy(
    "We konden je afbeelding nu niet bewaren: onze opslag is vol. Je andere gegevens staan "
    "nog in het formulier. Verstuur het zonder afbeelding of probeer het later opnieuw."
)
logger = logging.getLogger(__name__)


@never_cache
def propose(request: HttpRequest) -> HttpResponse:
    """The public form "Stel een initiatief voor"."""
    if request.method != "POST":
        return render(
            request, "atlas/contribute/propose.html", {"form": ProposeForm(user=request.user)}
        )

    form = ProposeForm(request.POST, request.FILES, user=request.user)
    # Only stored proposals (and bot submissions) count, so someone correcting typing errors
    # is never blocked; once an address used up its proposals, every attempt is refused.
    over_limit = partial(
        limit_exceeded,
        request,
        action="atlas-propose",
        limit=settings.ATLAS_PROPOSE_RATE_LIMIT,
        window_seconds=settings.ATLAS_PROPOSE_RATE_WINDOW_SECONDS,
    )
    if over_limit(count=False):
        return render(request, "atlas/contribute/rate_limited.html", status=429)
    if form.honeypot_filled:
        # Say nothing a bot could learn from; a person never fills in the hidden field.
        over_limit()  # count this proposal
        return redirect("atlas_contribute:propose_done")
    if form.is_valid():
        try:
            entry_propose(
                kind=form.cleaned_data["kind"],
                data=form.entry_data(),
                submitter_email=form.cleaned_data.get("submitter_email", ""),
                submitter_name=form.cleaned_data.get("submitter_name", ""),
                image=form.cleaned_data.get("image"),
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except OSError as error:
            if error.errno not in STORAGE_FULL_ERRNOS:
                raise
            # The disk for uploads is full: nothing was stored (the service is atomic); keep
            # everything the person typed and say what to do.
            logger.error("Media storage full while storing a proposal image: %s", error)
            form.add_error("image", STORAGE_FULL_MESSAGE)
        else:
            over_limit()  # count this proposal
            if form.logged_in:
                # Submitted at once: the account's address needs no confirmation mail.
                request.session["atlas_proposed_submitted"] = True
            else:
                request.session["atlas_proposed_email"] = form.cleaned_data["submitter_email"]
            return redirect("atlas_contribute:propose_done")
    form.refresh_started()
    return render(request, "atlas/contribute/propose.html", {"form": form}, status=400)


@never_cache
def propose_done(request: HttpRequest) -> HttpResponse:
    email = request.session.pop("atlas_proposed_email", "")
    submitted = request.session.pop("atlas_proposed_submitted", False)
    return render(
        request, "atlas/contribute/propose_done.html", {"email": email, "submitted": submitted}
    )


def _token_unavailable(request: HttpRequest, reason: str, *, kind: str) -> HttpResponse:
    return render(
        request,
        "atlas/contribute/link_unavailable.html",
        {"reason": reason, "kind": kind},
        status=404 if reason == "invalid" else 410,
    )


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what will be confirmed and a button; only the POST of that button confirms."""
    try:
        entry = entry_for_submission_token(token=token)
    except TokenUnavailable as error:
        return _token_unavailable(request, error.reason, kind="submission")
    if request.method == "POST":
        try:
            entry = entry_confirm_submission(token=token)
        except TokenUnavailable as error:
            return _token_unavailable(request, error.reason, kind="submission")
        return render(request, "atlas/contribute/confirm_done.html", {"entry": entry})
    return render(request, "atlas/contribute/confirm.html", {"entry": entry})


@never_cache
def confirm_fresh(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the freshness reminder: a button that says "klopt nog"."""
    try:
        entry = entry_for_freshness_token(token=token)
    except TokenUnavailable as error:
        return _token_unavailable(request, error.reason, kind="fresh")
    if request.method == "POST":
        try:
            entry = entry_confirm_fresh(entry=entry, user=request.user, token=token)
        except TokenUnavailable as error:
            return _token_unavailable(request, error.reason, kind="fresh")
        return render(request, "atlas/contribute/confirm_fresh_done.html", {"entry": entry})
    return render(request, "atlas/contribute/confirm_fresh.html", {"entry": entry})


# --- /mijn/ --------------------------------------------------------------------------------


def entries_for_user(user: Any) -> Any:
    """The entries someone may edit: their own and those of their municipalities."""
    queryset = Entry.objects.select_related("municipality").exclude(status=EntryStatus.ARCHIVED)
    return queryset.filter(Q(owner=user) | Q(municipality_id__in=list(municipality_roles(user))))


@login_required
def mijn_entries(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    entries = list(entries_for_user(request.user).order_by("municipality__name_nl", "name"))
    municipalities = Municipality.objects.filter(
        pk__in=list(municipality_roles(request.user))
    ).order_by("name_nl")
    return render(
        request,
        "atlas/mijn/entries.html",
        {"entries": entries, "municipalities": list(municipalities)},
    )


@login_required
def mijn_entry_add(request: HttpRequest) -> HttpResponse:
    """ "Nieuwe fiche": the edit form for a new entry; online at once for who may publish."""
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    user: Any = request.user
    form = EntryAddForm(
        request.POST or None,
        request.FILES or None,
        municipalities=municipalities_to_add_in(user),
    )
    # Entries that wait for the redactie count per account, like proposals per address, so
    # one account cannot fill the moderation queue; publishing for one's own municipality
    # needs no limit.
    over_limit = partial(
        limit_exceeded,
        f"user:{user.pk}",
        action="atlas-add",
        limit=settings.ATLAS_PROPOSE_RATE_LIMIT,
        window_seconds=settings.ATLAS_PROPOSE_RATE_WINDOW_SECONDS,
    )
    if request.method == "POST" and form.is_valid():
        probe = Entry(municipality=form.cleaned_data["municipality"])
        if not permissions.can(user, permissions.ENTRY_PUBLISH, probe) and over_limit(count=False):
            form.add_error(
                None,
                _(
                    "Je diende het voorbije uur al veel fiches in. De redactie bekijkt ze "
                    "eerst. Probeer het over een uur opnieuw."
                ),
            )
            return render(request, "atlas/mijn/entry_add.html", {"form": form}, status=429)
        try:
            entry = entry_add(
                kind=form.cleaned_data["kind"],
                data=form.entry_data(),
                user=user,
                image=form.cleaned_data.get("image"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except OSError as error:
            if error.errno not in STORAGE_FULL_ERRNOS:
                raise
            logger.error("Media storage full while storing a new entry's image: %s", error)
            form.add_error("image", STORAGE_FULL_MESSAGE)
        else:
            if entry.status == EntryStatus.PUBLISHED:
                messages.success(request, _("Je fiche staat online."))
            else:
                over_limit()  # count this entry
                messages.success(
                    request,
                    _(
                        "Je fiche is bewaard en ingediend. De redactie bekijkt ze. "
                        "Je krijgt een mail als ze online staat."
                    ),
                )
            return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)
    return render(
        request,
        "atlas/mijn/entry_add.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def mijn_profile_ensure(request: HttpRequest, refnis: str) -> HttpResponse:
    """Open (and the first time make) the lokaal-bestuur profile of a municipality."""
    municipality = get_object_or_404(Municipality, refnis=refnis)
    entry = local_government_profile_ensure(
        municipality=municipality,
        user=request.user,  # type: ignore[arg-type]
    )
    return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)


def _editable_entry(request: HttpRequest, pk: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("municipality"), pk=pk)
    if not permissions.can(request.user, permissions.ENTRY_EDIT, entry):
        raise PermissionDenied
    return entry


@login_required
def mijn_entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _editable_entry(request, pk)
    user: Any = request.user
    working = entry.get_latest_revision_as_object()
    can_publish = entry_can_publish(user, entry)
    form = EntryEditForm(
        request.POST or None,
        request.FILES or None,
        instance=working,
        entry=working,
        initial={
            "version": entry.version,
            "themes": list(entry.themes.all()),
            "werkvormen": list(entry.werkvormen.all()),
            "target_groups": list(entry.target_groups.all()),
            # An edit waiting for a moderator: show its choices, not the live ones.
            **entry_pending_m2m(entry),
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            updated = entry_update(
                entry=entry,
                data=form.entry_data(),
                expected_version=form.cleaned_data["version"],
                user=user,
                support_offers=form.support_offers(),
                image=form.cleaned_data.get("image"),
            )
        except ConflictError as error:
            conflict = True
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            moved = updated.get_latest_revision_as_object().municipality_id != entry.municipality_id
            if moved and entry_has_pending_changes(updated):
                messages.success(
                    request,
                    _(
                        "Je wijzigingen zijn bewaard. Je verhuist de fiche naar een gemeente "
                        "waar je ze niet zelf mag publiceren. Daarom bekijkt de redactie ze "
                        "eerst. Tot dan blijft de huidige versie online."
                    ),
                )
            elif entry_has_pending_changes(updated):
                messages.success(
                    request,
                    _(
                        "Je wijzigingen zijn bewaard. De redactie bekijkt ze. Tot dan blijft "
                        "de huidige versie online."
                    ),
                )
            else:
                messages.success(request, _("Je wijzigingen zijn bewaard."))
            return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)
    return render(
        request,
        "atlas/mijn/entry_edit.html",
        {
            "entry": entry,
            "form": form,
            "can_publish": can_publish,
            "conflict": conflict,
            "pending": entry_has_pending_changes(entry),
            "is_fresh": entry_is_fresh(entry),
            # What the saved description looks like, cleaned as on the public page.
            "description_preview": rich_text_clean(working.description),
        },
        status=409 if conflict else (400 if form.is_bound else 200),
    )


@login_required
@require_POST
def mijn_entry_publish(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    try:
        entry_publish(entry=entry, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, _("De fiche staat online."))
    return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)


@login_required
@require_POST
def mijn_entry_confirm_fresh(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _editable_entry(request, pk)
    entry_confirm_fresh(entry=entry, user=request.user)
    messages.success(request, _("Bedankt. We noteren dat de fiche nog klopt."))
    if request.POST.get("next") == "werkplek":  # the button on the /mijn/ dashboard
        return redirect("accounts:workspace")
    return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)


@login_required
@require_POST
def mijn_entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _editable_entry(request, pk)
    try:
        entry_submit(entry=entry, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, _("Je fiche is ingediend. De redactie bekijkt ze."))
    return redirect("atlas_contribute:mijn_entry_edit", pk=entry.pk)


# --- Moderation in the Wagtail admin (/beheer/inspireer-elkaar/...) ------------------------


def moderation_index(request: HttpRequest) -> HttpResponse:
    """New proposals and edits to published entries that wait for a moderator."""
    permissions.require(request.user, permissions.ENTRY_MODERATE)
    return TemplateResponse(
        request,
        "atlas/contribute/admin/moderation.html",
        {"entries": list(moderation_queue()[:200])},
    )


@require_POST
def moderation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    try:
        entry_approve(entry=entry, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, _("“%(name)s” staat online.") % {"name": entry.name})
    return redirect("atlas_moderation")


def moderation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """A form with the message for the submitter; the message is required."""
    entry = get_object_or_404(Entry.objects.select_related("municipality"), pk=pk)
    permissions.require(request.user, permissions.ENTRY_MODERATE, entry)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry_reject(
                entry=entry,
                user=request.user,  # type: ignore[arg-type]
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(name)s” is teruggestuurd naar de indiener.") % {"name": entry.name}
            )
            return redirect("atlas_moderation")
    return TemplateResponse(
        request,
        "atlas/contribute/admin/reject.html",
        {"entry": entry, "form": form},
        status=400 if form.is_bound else 200,
    )


def admin_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then archive: the entry goes offline and stays in the admin with its history."""
    entry = get_object_or_404(Entry.objects.select_related("municipality"), pk=pk)
    permissions.require(request.user, permissions.ENTRY_PUBLISH, entry)
    if request.method == "POST":
        entry_archive(entry=entry, user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("“%(name)s” is gearchiveerd.") % {"name": entry.name})
        return redirect("atlas_moderation")
    return TemplateResponse(request, "atlas/contribute/admin/archive.html", {"entry": entry})


def entries_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    """The /mijn/ dashboard panel "Jouw fiches".

    It costs the dashboard no queries: the list loads with htmx from `mijn_entries_panel`,
    and without JavaScript the panel is a link to /mijn/fiches/. The link "Fiches importeren"
    shows for beheerders and redactie (roles the permission helper already read).
    """
    user = request.user
    # Roles first: the dashboard has read them already, so a beheerder costs no query.
    can_import = any(
        role == Role.BEHEERDER for role in municipality_roles(user).values()
    ) or permissions.can(user, permissions.ENTRY_IMPORT, Municipality(pk=0))
    return {"can_import": can_import}


def figures_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    """The /mijn/ panel "Cijfers van je gemeente" costs the dashboard no queries: the figures
    load with htmx from `mijn_figures` (without JavaScript the panel is a link to that page)."""
    return {}


def _figures_context(request: HttpRequest) -> dict[str, Any]:
    """Per municipality of the user: entries by state, open proposals and its themes beside
    its province and Flanders. A fixed number of queries per municipality, however many
    entries (see `baz.atlas.selectors.figures`)."""
    ids = list(municipality_roles(request.user))
    municipalities = list(
        Municipality.objects.filter(pk__in=ids)
        .select_related("province", "region")
        .order_by("name_nl")
    )
    figures = entry_figures(municipalities)
    return {
        "rows": [
            {
                "municipality": municipality,
                "figures": figures[municipality.pk],
                "shares": theme_shares(municipality),
            }
            for municipality in municipalities
        ],
        "freshness_months": settings.ATLAS_FRESHNESS_MONTHS,
    }


@login_required
@never_cache
def mijn_figures(request: HttpRequest) -> HttpResponse:
    """The figures of the user's municipalities: a page, and the dashboard panel's partial."""
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    template = (
        "atlas/mijn/_figures.html"
        if request.headers.get("HX-Request")
        else "atlas/mijn/figures.html"
    )
    return render(request, template, _figures_context(request))


@login_required
def mijn_entries_panel(request: HttpRequest) -> HttpResponse:
    """The list inside the dashboard panel (an htmx partial)."""
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    entries = list(entries_for_user(request.user).order_by("name")[:10])
    return render(request, "atlas/mijn/_panel_list.html", {"entries": entries})
