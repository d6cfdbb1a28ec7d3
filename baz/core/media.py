"""Files whose access depends on state: checked by the app, sent by nginx.

nginx serves only image renditions from MEDIA_ROOT by itself (`/media/images/`); every other
uploaded file goes through a view of the app that checks the right first (a published
screencast, a document outside a private collection, an original image for staff). With
`MEDIA_ACCEL_REDIRECT_PREFIX` set (production: nginx in front) the view answers with an empty
response and `X-Accel-Redirect: <prefix><file>`; nginx then sends the bytes from its
`internal` location over MEDIA_ROOT, Range requests included, so no worker streams a video.
Without it (development, tests) the view streams the file itself, with Range support
(`baz.core.ranges`).

`sendfile` is also the `SENDFILE_BACKEND` of Wagtail's document view
(`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which checks collection privacy first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from wagtail.utils import sendfile_streaming_backend

from baz.core.ranges import ranged_file_response


def accel_path(name: str) -> str | None:
    """The internal nginx URI for the stored file `name` (relative to MEDIA_ROOT), or None
    when nginx is not in front (development) or the name could leave MEDIA_ROOT."""
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if not prefix or not name or name.startswith("/") or ".." in Path(name).parts:
        return None
    return prefix.rstrip("/") + "/" + quote(name)


def _accel_response(location: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = location
    return response


def protected_file_response(
    request: HttpRequest,
    *,
    storage: Storage,
    name: str,
    content_type: str,
    cache_control: str,
) -> HttpResponseBase:
    """Send a stored file the view has already checked: through nginx when it is in front and
    the file lies in MEDIA_ROOT, otherwise streamed here with Range support."""
    location = accel_path(name) if _in_media_root(storage) else None
    if location is None:
        return ranged_file_response(
            request,
            storage=storage,
            name=name,
            content_type=content_type,
            cache_control=cache_control,
        )
    response = _accel_response(location, content_type)
    # Passed on by nginx with the file (with Content-Type, Content-Disposition, Expires).
    response["Cache-Control"] = cache_control
    return response


def _in_media_root(storage: Storage) -> bool:
    return (
        isinstance(storage, FileSystemStorage)
        and Path(storage.location).resolve() == Path(settings.MEDIA_ROOT).resolve()
    )


def sendfile(request: HttpRequest, filename: str, mimetype: str = "", **kwargs: Any) -> Any:
    """`SENDFILE_BACKEND` for `wagtail.utils.sendfile` (Wagtail's document view)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    location = accel_path(str(path.relative_to(root))) if path.is_relative_to(root) else None
    if location is None:
        return sendfile_streaming_backend.sendfile(request, filename, mimetype=mimetype, **kwargs)
    response = _accel_response(location, mimetype or "application/octet-stream")
    response["Cache-Control"] = "private, no-cache"  # a document's privacy can change
    return response
