"""Serving a stored file with HTTP Range support (RFC 9110 §14).

Django's `static.serve` and `FileResponse` ignore the Range header, and then a browser cannot
seek in a video: chapters would not jump. This answers a single byte range with 206 and the
exact bytes, an unsatisfiable one with 416, and everything else with the whole file (200).
Several ranges in one request are answered with the whole file, which the standard allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from django.core.files.storage import Storage
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK_SIZE = 64 * 1024


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte positions, inclusive, that a Range header asks for.

    None means "ignore the header and send everything" (absent, malformed or multiple
    ranges); RangeNotSatisfiable means no byte of the file falls in the range.
    """
    match = _RANGE.fullmatch(header.strip().replace(" ", ""))
    if not match:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:
        # bytes=-N: the last N bytes.
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - suffix, 0), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None  # an invalid range is ignored, not refused
    if first >= size:
        raise RangeNotSatisfiable
    return first, min(last, size - 1)


def _read(handle: IO[bytes], first: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(first)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def ranged_file_response(
    request: HttpRequest,
    *,
    storage: Storage,
    name: str,
    content_type: str,
    cache_control: str = "public, max-age=3600",
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    size = storage.size(name)
    try:
        modified = http_date(storage.get_modified_time(name).timestamp())
    except (NotImplementedError, OSError):
        modified = None
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        return refused
    # If-Range with a date that no longer matches means the file changed: send it whole.
    if_range = request.headers.get("If-Range")
    if wanted and if_range and if_range != modified:
        wanted = None

    response: HttpResponse | StreamingHttpResponse | FileResponse
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(size)
    elif wanted is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        length = last - first + 1
        response = StreamingHttpResponse(
            _read(storage.open(name, "rb"), first, length), status=206, content_type=content_type
        )
        response["Content-Length"] = str(length)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = cache_control
    if modified:
        response["Last-Modified"] = modified
    return response
