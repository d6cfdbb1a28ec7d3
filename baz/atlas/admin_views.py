"""Staff screens in /beheer/: relayed messages (without their content), correction requests,
and the *samenwerking met BAZ* mark on municipality profiles. Thin views: the services check
permissions for writes, `require` here for reads.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.snippets.views.snippets import EditView as SnippetEditView

from baz.accounts import permissions
from baz.atlas.models import CorrectionRequest, CorrectionRequestStatus, Entry, EntryKind
from baz.atlas.selectors.moderation import contact_relay_list, correction_request_list
from baz.atlas.selectors.municipalities import local_government_profiles
from baz.atlas.services.editing import entry_admin_keep_m2m, entry_set_baz_collaboration
from baz.atlas.services.moderation import correction_request_handle, entry_pending_m2m
from baz.core.forms import add_service_errors, service_error_text

PAGE_SIZE = 50


class CorrectionHandleForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Wat deed je met deze melding?"),
        help_text=gettext_lazy("Bv. 'Adres aangepast' of 'Klopt toch, niets veranderd'."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def relay_index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.ENTRY_RELAY_LIST)
    page = Paginator(contact_relay_list(), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "atlas/admin/relay_index.html", {"page": page})


def correction_index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.ENTRY_CORRECTION_HANDLE)
    status = request.GET.get("status", CorrectionRequestStatus.OPEN)
    if status not in CorrectionRequestStatus.values:
        status = ""
    page = Paginator(correction_request_list(status=status), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    context: dict[str, Any] = {
        "page": page,
        "status": status,
        "statuses": CorrectionRequestStatus.choices,
    }
    return TemplateResponse(request, "atlas/admin/correction_index.html", context)


def correction_handle(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        CorrectionRequest.objects.select_related("entry", "handled_by"), pk=pk
    )
    permissions.require(request.user, permissions.ENTRY_CORRECTION_HANDLE, report)
    form = CorrectionHandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_request_handle(
                report=report,
                user=request.user,  # type: ignore[arg-type]
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De melding is behandeld."))
            return redirect("atlas_corrections:index")
    return TemplateResponse(
        request, "atlas/admin/correction_handle.html", {"report": report, "form": form}
    )


def collaboration_index(request: HttpRequest) -> HttpResponse:
    """Coaches and Redactie mark municipality profiles as *samenwerking met BAZ*; nothing else
    of the profile can be changed here."""
    permissions.require(request.user, permissions.ENTRY_SET_BAZ_COLLABORATION)
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(local_government_profiles(query=query), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request, "atlas/admin/collaboration_index.html", {"page": page, "query": query}
    )


def collaboration_set(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("atlas_collaboration:index")
    entry = get_object_or_404(Entry, pk=pk, kind=EntryKind.LOCAL_GOVERNMENT)
    value = request.POST.get("value") == "true"
    try:
        entry_set_baz_collaboration(
            entry=entry,
            user=request.user,  # type: ignore[arg-type]
            value=value,
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        text = (
            _("%(name)s: samenwerking met BAZ staat aan.")
            if value
            else _("%(name)s: samenwerking met BAZ staat uit.")
        )
        messages.success(request, text % {"name": entry.name})
    back = request.POST.get("next", "")
    if back.startswith("/beheer/inspireer-elkaar/samenwerking/"):
        return redirect(back)
    return redirect("atlas_collaboration:index")


class EntryEditView(SnippetEditView):
    """Wagtail's edit view of an entry, with the many-to-many choices kept in drafts.

    For a live entry Wagtail saves the edit as a revision only; the themes, werkvormen, target
    groups and served municipalities chosen in the form go into that revision
    (`entry_admin_keep_m2m`) and become live when it is published. The form of an entry with
    a waiting edit shows that edit's choices, not the live ones.
    """

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        pending = entry_pending_m2m(self.live_object) if self.live_object else {}
        if pending:
            kwargs["initial"] = {**kwargs.get("initial", {}), **pending}
        return kwargs

    def save_instance(self) -> Any:
        was_live = bool(self.live_object and self.live_object.live)
        instance = super().save_instance()
        if was_live:
            entry_admin_keep_m2m(revision=self.new_revision, choices=self.form.cleaned_data)
        return instance
