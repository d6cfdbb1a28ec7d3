"""Uploaded files that only staff see (original images, avatars), after the app's check."""

from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from baz.core.media import protected_file_response, staff_media_name


@require_safe
def staff_media(request: HttpRequest, folder: str, name: str) -> HttpResponseBase:
    stored = staff_media_name(request, f"{folder}/{name}")
    if not default_storage.exists(stored):
        raise Http404
    content_type = mimetypes.guess_type(stored)[0] or "application/octet-stream"
    response = protected_file_response(
        request,
        storage=default_storage,
        name=stored,
        content_type=content_type,
        cache_control="private, no-store",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
