"""Uploaded files that only staff see (original images, avatars), after the app's check.

The check is a staff right, so it lives here in accounts (the permission layer); core only
sends the file (`baz.core.media.protected_file_response`).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from baz.accounts.permissions import ADMIN_ACCESS, can
from baz.core.media import protected_file_response

# Upload folders that only staff see, in the admin: the originals of Wagtail images (the site
# shows renditions only; an original may belong to a proposal nobody has moderated yet) and
# the staff's own avatars.
STAFF_ONLY_FOLDERS = ("original_images/", "avatar_images/")


def staff_media_name(request: HttpRequest, name: str) -> str:
    """The stored name of a staff-only upload (original image, avatar) this visitor may see.

    Only staff who may work in the admin, in a session verified with the second factor (as
    the admin itself requires), see these files; everyone else gets a 404, so nobody can
    probe which files exist.
    """
    # can() gives admin access only in a session verified with the second factor.
    if not can(request.user, ADMIN_ACCESS):
        raise Http404
    if not name.startswith(STAFF_ONLY_FOLDERS) or ".." in Path(name).parts:
        raise Http404
    return name


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
