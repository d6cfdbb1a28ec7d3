"""Public atlas pages. Thin: filters come from the shared contract, data from selectors,
writes from visitor_services."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from baz.accounts.permissions import ENTRY_EDIT, can
from baz.atlas.models import EntryKind, SupportOfferItem
from baz.atlas.presentation import (
    entry_json_ld,
    public_contact,
    public_description,
    public_links,
    public_url,
    summary_shown,
)
from baz.atlas.public_forms import AtlasFilterForm, ContactRelayForm, CorrectionRequestForm
from baz.atlas.selectors.entries import (
    entry_get_published,
    entry_get_published_cached,
    entry_image_rendition,
    entry_list,
    entry_page,
    entry_related,
)
from baz.atlas.selectors.filters import AtlasFilterError, AtlasFilters, atlas_filters_parse
from baz.atlas.selectors.municipalities import municipality_profile, municipality_theme_counts
from baz.atlas.versioning import data_version
from baz.atlas.visitor_services import (
    RateLimited,
    contact_relay_create,
    correction_request_create,
    entry_relay_recipient,
)
from baz.core.forms import human_check_form_html
from baz.core.fragments import process_cached
from baz.core.models import Municipality
from baz.core.ratelimit import client_ip, client_key


def _map_context() -> dict[str, Any]:
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


# `?weergave=kaart` shows the map instead of the list on a phone. It is how the page looks,
# not a filter, so it is taken off before the filter contract (shared with the API) sees it.
VIEW_PARAMETER = "weergave"
VIEW_LIST = "lijst"
VIEW_MAP = "kaart"

# The filters a visitor chooses (sorting and paging are not filters), counted on the
# "Filters" button.
COUNTED_FILTERS = ("q", "kind", "province", "municipality", "theme", "werkvorm", "target_group")


def active_filter_count(filters: AtlasFilters) -> int:
    count = 0
    for name in COUNTED_FILTERS:
        value = getattr(filters, name)
        count += len(value) if isinstance(value, tuple) else int(bool(value))
    return count + int(bool(filters.baz_active)) + int(bool(filters.near))


def _view_split(params: QueryDict) -> tuple[QueryDict, str]:
    """The filter parameters without `weergave`, and the chosen view (the list by default)."""
    if VIEW_PARAMETER not in params:
        return params, VIEW_LIST
    view = VIEW_MAP if params.get(VIEW_PARAMETER) == VIEW_MAP else VIEW_LIST
    rest = params.copy()
    del rest[VIEW_PARAMETER]
    return rest, view


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The atlas: filters, result list and map. With htmx only the results are rendered."""
    error: AtlasFilterError | None = None
    view = VIEW_LIST
    try:
        params, view = _view_split(request.GET)
    except TooManyFieldsSent:
        params = QueryDict()
        error = AtlasFilterError(None, _("Je zoekopdracht heeft te veel filters."))
    try:
        filters = atlas_filters_parse(params)
    except AtlasFilterError as exc:
        error = exc
        filters = AtlasFilters()
    page_obj = entry_page(filters, cards=True)
    context = {
        "filters": filters,
        "filter_error": error,
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "query": filters.querystring(without=("page",)),
        "map_query": filters.querystring(without=("page", "page_size", "sort", "bbox")),
        "active_filters": active_filter_count(filters),
    }
    if request.htmx and not request.htmx.history_restore_request:  # type: ignore[attr-defined]
        return render(request, "atlas/_results.html", context)
    context.update(
        {
            "filter_panel": _filter_panel(params, filters, error, view=view),
            "view": view,
            "view_urls": _view_urls(filters),
            "breadcrumb": [
                {"label": _("Start"), "url": "/"},
                {"label": _("Inspireer elkaar"), "url": reverse("atlas:index")},
            ],
            **_map_context(),
        }
    )
    return render(request, "atlas/index.html", context)


def _view_urls(filters: AtlasFilters) -> dict[str, str]:
    """The links of the "Lijst / Kaart" switch: the same filters, the other view."""
    query = filters.querystring(without=("page",))
    map_query = f"{query}&{VIEW_PARAMETER}={VIEW_MAP}" if query else f"{VIEW_PARAMETER}={VIEW_MAP}"
    return {VIEW_LIST: f"?{query}" if query else "?", VIEW_MAP: f"?{map_query}"}


FILTER_PANEL_SECONDS = 600


def _filter_panel(
    params: QueryDict,
    filters: AtlasFilters,
    error: AtlasFilterError | None,
    *,
    view: str = VIEW_LIST,
) -> str:
    """The rendered filter form. Rendering some fifty fields and options through templates is
    a large part of the page's time, so a panel without errors is cached, keyed by the data
    version (taxonomy edits bump it), the language and the exact query string."""
    key = None
    if error is None:
        raw = urlencode(sorted(params.lists()), doseq=True) + f"|{view}"
        counter, changed_at = data_version()
        version = f"{counter}:{changed_at.isoformat()}"
        digest = hashlib.sha256(f"{version}|{get_language()}|{raw}".encode()).hexdigest()
        key = f"atlas-filter-panel:{digest[:40]}"
        cached = cache.get(key)
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 - our own rendered template
    form = AtlasFilterForm(data=params or None)
    if error is not None:
        form.is_valid()
        if error.parameter in form.fields and error.parameter not in form.errors:
            form.add_error(error.parameter, error.message)
    if filters.municipality_name and form.is_bound:
        form.data = form.data.copy()
        form.data["municipality"] = filters.municipality_name
    html = render_to_string(
        "core/components/filter_panel.html",
        {
            "form": form,
            "action": reverse("atlas:index"),
            "label": _("Filter de resultaten"),
            # Filtering on the map keeps the map; the script keeps this field up to date.
            "hidden": [(VIEW_PARAMETER, VIEW_MAP)] if view == VIEW_MAP else [],
        },
    )
    if key is not None:
        cache.set(key, html, FILTER_PANEL_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own rendered template


def _entry_or_404(pk: int) -> Any:
    entry = entry_get_published(pk=pk)
    if entry is None:
        raise Http404
    return entry


def _entry_body_values(entry: Any) -> dict[str, SimpleLazyObject]:
    """The values only the entry's shared body shows: each computed when a template first
    reads it, so not at all while the body comes from the cache."""
    builders: dict[str, Callable[[], Any]] = {
        # Without a first paragraph that only repeats the summary.
        "description_html": lambda: public_description(entry)[0],
        "image": lambda: entry_image_rendition(entry),
        "contact": lambda: public_contact(entry),
        "website": lambda: public_url(entry.website),
        "regulation_url": lambda: public_url(entry.regulation_url),
        "social_links": lambda: public_links(entry),
        "themes": lambda: list(entry.themes.all()),
        "werkvormen": lambda: list(entry.werkvormen.all()),
        "target_groups": lambda: list(entry.target_groups.all()),
        "served": lambda: list(entry.served_municipalities.all()),
        "support_offers": lambda: (
            list(entry.support_offers.all()) if entry.kind == EntryKind.LOCAL_GOVERNMENT else []
        ),
    }
    return {name: SimpleLazyObject(build) for name, build in builders.items()}


def _entry_page(
    request: HttpRequest,
    entry: Any,
    *,
    relay_form: ContactRelayForm | None = None,
    correction_form: CorrectionRequestForm | None = None,
    status: int = 200,
) -> HttpResponse:
    relay_form = relay_form or ContactRelayForm()
    correction_form = correction_form or CorrectionRequestForm()
    can_relay = bool(entry_relay_recipient(entry))
    context = {
        "entry": entry,
        **_entry_body_values(entry),
        # Evaluated only when the shared fragment that shows it is not in the cache.
        "related": SimpleLazyObject(lambda: entry_related(entry)),
        # The same for every request to this host until public content changes.
        "json_ld": process_cached(
            "atlas-entry-json-ld",
            (entry.pk, request.scheme, request.get_host()),
            lambda: entry_json_ld(entry, request),
        ),
        "can_relay": can_relay,
        "show_summary": summary_shown(entry),
        "can_edit": request.user.is_authenticated and can(request.user, ENTRY_EDIT, entry),
        "relay_form": relay_form,
        "correction_form": correction_form,
        # Blank forms are rendered once per process (baz.core.forms.human_check_form_html).
        "relay_fields": human_check_form_html(relay_form, "atlas/_form_fields.html")
        if can_relay
        else "",
        "correction_fields": human_check_form_html(correction_form, "atlas/_form_fields.html"),
        "breadcrumb": [
            {"label": _("Start"), "url": "/"},
            {"label": _("Inspireer elkaar"), "url": reverse("atlas:index")},
            {"label": entry.name, "url": request.path},
        ],
        **_map_context(),
    }
    return render(request, "atlas/entry_detail.html", context, status=status)


@require_GET
def entry_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    entry = entry_get_published_cached(pk=pk)
    if entry is None:
        raise Http404
    if slug != entry.slug:
        return redirect("atlas:entry", pk=entry.pk, slug=entry.slug, permanent=True)
    return _entry_page(request, entry)


def _client_key(request: HttpRequest) -> str:
    return client_key(client_ip(request))


def _relay_sent_message(kind: str) -> str:
    """What a visitor reads after sending a message: who gets it, in words of the entry's kind."""
    if kind == EntryKind.LOCAL_GOVERNMENT:
        return _(
            "We sturen je bericht door naar het lokaal bestuur. Je krijgt antwoord per e-mail."
        )
    if kind == EntryKind.ORGANISATION:
        return _("We sturen je bericht door naar de organisatie. Je krijgt antwoord per e-mail.")
    return _("We sturen je bericht door naar de initiatiefnemer. Die antwoordt je per e-mail.")


@require_POST
def entry_contact(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    entry = _entry_or_404(pk)
    form = ContactRelayForm(data=request.POST)
    if not entry_relay_recipient(entry):
        raise Http404
    if not form.is_valid():
        form.refresh_started()  # the next try is not refused for the old start time
        return _entry_page(request, entry, relay_form=form, status=400)
    if not form.bot_detected:
        try:
            contact_relay_create(
                entry=entry,
                sender_name=form.cleaned_data["sender_name"],
                sender_email=form.cleaned_data["sender_email"],
                message=form.cleaned_data["message"],
                key=_client_key(request),
            )
        except RateLimited:
            form.add_error(
                None,
                _("Je stuurde al veel berichten. Probeer het over een uur opnieuw."),
            )
            return _entry_page(request, entry, relay_form=form, status=429)
    # A bot gets the same answer as a person, so it learns nothing from it.
    messages.success(request, _relay_sent_message(entry.kind))
    return redirect(
        reverse("atlas:entry", kwargs={"pk": entry.pk, "slug": entry.slug}) + "#contact"
    )


@require_POST
def entry_correction(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    entry = _entry_or_404(pk)
    form = CorrectionRequestForm(data=request.POST)
    if not form.is_valid():
        form.refresh_started()
        return _entry_page(request, entry, correction_form=form, status=400)
    if not form.bot_detected:
        try:
            correction_request_create(
                entry=entry,
                message=form.cleaned_data["message"],
                reporter_email=form.cleaned_data["reporter_email"],
                key=_client_key(request),
            )
        except RateLimited:
            form.add_error(
                None, _("Je stuurde al veel meldingen. Probeer het over een uur opnieuw.")
            )
            return _entry_page(request, entry, correction_form=form, status=429)
    messages.success(request, _("Bedankt. De redactie bekijkt je melding."))
    return redirect(reverse("atlas:entry", kwargs={"pk": entry.pk, "slug": entry.slug}))


@require_GET
def municipality_detail(request: HttpRequest, refnis: str, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.with_places(), refnis=refnis)
    if slug != municipality.slug:
        return redirect(
            "atlas:municipality", refnis=municipality.refnis, slug=municipality.slug, permanent=True
        )
    filters = atlas_filters_parse({"municipality": municipality.refnis, "page_size": "100"})
    entries = list(entry_list(filters)[:100])
    profile = municipality_profile(municipality)
    offers = {offer.item: offer for offer in profile.support_offers.all()} if profile else {}
    checklist = [
        {
            "label": label,
            "offered": value in offers,
            "text": offers[value].text if value in offers else "",
        }
        for value, label in SupportOfferItem.choices
    ]
    context = {
        "municipality": municipality,
        "profile": profile,
        "checklist": checklist,
        "regulation_url": public_url(profile.regulation_url) if profile else None,
        "entries": [e for e in entries if profile is None or e.pk != profile.pk],
        "counts": municipality_theme_counts(municipality),
        "atlas_query": filters.querystring(without=("page_size",)),
        "breadcrumb": [
            {"label": _("Start"), "url": "/"},
            {"label": _("Inspireer elkaar"), "url": reverse("atlas:index")},
            {"label": municipality.name_nl, "url": request.path},
        ],
    }
    return render(request, "atlas/municipality_detail.html", context)
