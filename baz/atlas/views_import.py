"""Bulk import in /mijn/: upload a spreadsheet, see the preview, confirm, see the result.

The uploaded file stays on the server (`ImportUpload`, a random key for its uploader); the
preview and the confirmation read it from there. The confirmation form sends only a choice
per row and the digest of the preview the person saw.
"""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache

from baz.accounts import permissions
from baz.atlas.import_file import ImportFileError
from baz.atlas.models import Entry, ImportUpload
from baz.atlas.services.imports import (
    DUPLICATE,
    ERROR,
    NEW,
    SKIP,
    UPDATE,
    PreviewChanged,
    columns,
    import_confirm,
    import_preview,
    import_template_rows,
    import_upload_expired,
    import_upload_for,
    import_upload_store,
    too_large_message,
)
from baz.core.models import Municipality
from baz.core.spreadsheet import csv_row


def importable_municipalities(user: Any) -> Any:
    """The municipalities someone may import into: all for redactie, else those they manage."""
    candidates = Municipality.objects.order_by("name_nl")
    if not permissions.can(user, permissions.ENTRY_IMPORT, Municipality(pk=0)):
        roles = permissions.municipality_roles(user)
        candidates = candidates.filter(pk__in=list(roles))
    return [m for m in candidates if permissions.can(user, permissions.ENTRY_IMPORT, m)]


class ImportUploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_lazy("Gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        help_text=_lazy("De fiches komen in deze gemeente."),
    )
    file = forms.FileField(
        label=_lazy("Bestand"),
        help_text=_lazy("Een Excel-werkmap (.xlsx) of een CSV-bestand."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in municipalities]
        ).order_by("name_nl")


@never_cache
@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    municipalities = importable_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, municipalities=municipalities
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size is None or upload.size > settings.ATLAS_IMPORT_MAX_BYTES:
                raise ImportFileError(too_large_message())
            stored = import_upload_store(
                user=request.user,  # type: ignore[arg-type]
                municipality=form.cleaned_data["municipality"],
                file_name=upload.name or "",
                content=upload.read(),
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("atlas_contribute:mijn_import_preview", key=stored.key)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "atlas/mijn/import/start.html",
        {"form": form, "columns": columns()},
        status=status,
    )


def import_template(request: HttpRequest) -> HttpResponse:
    """The template as CSV: `;`-separated, UTF-8 with BOM, so Excel in Belgium opens it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sjabloon-fiches.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in import_template_rows():
        writer.writerow(csv_row(row))
    return response


def _own_upload(request: HttpRequest, key: str) -> ImportUpload:
    upload = import_upload_for(user=request.user, key=key)  # type: ignore[arg-type]
    if upload is None:
        raise Http404
    return upload


FATE_LABELS = {
    NEW: _lazy("Nieuw"),
    UPDATE: _lazy("Bestaat al"),
    DUPLICATE: _lazy("Mogelijk dubbel"),
    ERROR: _lazy("Fout"),
}


@never_cache
@login_required
def import_preview_view(request: HttpRequest, key: str) -> HttpResponse:
    upload = _own_upload(request, key)
    if upload.imported_at is not None:
        return redirect("atlas_contribute:mijn_import_done", key=upload.key)
    if import_upload_expired(upload):
        return render(request, "atlas/mijn/import/expired.html", status=410)
    permissions.require(request.user, permissions.ENTRY_IMPORT, upload.municipality)
    changed = False
    if request.method == "POST":
        choices = {
            name.removeprefix("rij-"): value
            for name, value in request.POST.items()
            if name.startswith("rij-") and value in (UPDATE, SKIP)
        }
        try:
            import_confirm(
                upload=upload,
                user=request.user,  # type: ignore[arg-type]
                choices=choices,
                digest=request.POST.get("digest", ""),
            )
        except PreviewChanged:
            changed = True
        else:
            return redirect("atlas_contribute:mijn_import_done", key=upload.key)
    preview = import_preview(upload=upload)
    return render(
        request,
        "atlas/mijn/import/preview.html",
        {
            "upload": upload,
            "preview": preview,
            "rows": preview.rows,
            "count_new": preview.count(NEW),
            "count_update": preview.count(UPDATE),
            "count_duplicate": preview.count(DUPLICATE),
            "count_error": preview.count(ERROR),
            "fate_labels": FATE_LABELS,
            "changed": changed,
            "UPDATE": UPDATE,
            "SKIP": SKIP,
            "ERROR": ERROR,
            "DUPLICATE": DUPLICATE,
            "NEW": NEW,
        },
        status=409 if changed else 200,
    )


@never_cache
@login_required
def import_done(request: HttpRequest, key: str) -> HttpResponse:
    upload = _own_upload(request, key)
    if upload.imported_at is None:
        return redirect("atlas_contribute:mijn_import_preview", key=upload.key)
    result = upload.result
    created = list(Entry.objects.filter(pk__in=result.get("created", [])).order_by("name"))
    updated = list(Entry.objects.filter(pk__in=result.get("updated", [])).order_by("name"))
    return render(
        request,
        "atlas/mijn/import/done.html",
        {"upload": upload, "created": created, "updated": updated, "result": result},
    )
