"""The screencast's video and captions are served with HTTP Range support."""

import pytest

from baz.core.ranges import RangeNotSatisfiable, parse_range
from baz.learning.tests.conftest import VIDEO_BYTES, make_screencast

SIZE = len(VIDEO_BYTES)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, SIZE - 1)),
        ("bytes=-10", (SIZE - 10, SIZE - 1)),
        ("bytes=0-999999", (0, SIZE - 1)),
        ("", None),
        ("bytes=5-2", None),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
    ],
)
def test_range_header_is_parsed_into_inclusive_positions(header, expected):
    assert parse_range(header, SIZE) == expected


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", "bytes=999999-1000000", "bytes=-0"])
def test_range_outside_the_file_is_not_satisfiable(header):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, SIZE)


def test_range_request_answers_206_with_exactly_those_bytes(client, screencast):
    response = client.get(screencast.video_url, HTTP_RANGE="bytes=1000-1099")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1099/{SIZE}"
    assert response["Content-Length"] == "100"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/webm"
    assert b"".join(response.streaming_content) == VIDEO_BYTES[1000:1100]


def test_open_ended_and_suffix_ranges_answer_the_end_of_the_file(client, screencast):
    tail = client.get(screencast.video_url, HTTP_RANGE=f"bytes={SIZE - 5}-")
    suffix = client.get(screencast.video_url, HTTP_RANGE="bytes=-5")

    for response in (tail, suffix):
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes {SIZE - 5}-{SIZE - 1}/{SIZE}"
        assert b"".join(response.streaming_content) == VIDEO_BYTES[-5:]


def test_unsatisfiable_range_answers_416_with_the_size(client, screencast):
    response = client.get(screencast.video_url, HTTP_RANGE=f"bytes={SIZE + 10}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


def test_request_without_range_gets_the_whole_file(client, screencast):
    response = client.get(screencast.video_url)

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(SIZE)
    assert b"".join(response.streaming_content) == VIDEO_BYTES


def test_stale_if_range_gets_the_whole_file(client, screencast):
    response = client.get(
        screencast.video_url,
        HTTP_RANGE="bytes=0-9",
        HTTP_IF_RANGE="Wed, 21 Oct 2015 07:28:00 GMT",
    )

    assert response.status_code == 200


def test_captions_are_served_as_webvtt_with_ranges(client, screencast):
    response = client.get(screencast.captions_url, HTTP_RANGE="bytes=0-5")

    assert response.status_code == 206
    assert response["Content-Type"].startswith("text/vtt")
    assert b"".join(response.streaming_content) == b"WEBVTT"


def test_files_of_unpublished_screencasts_are_not_served(client, learning_index, media_root):
    draft = make_screencast(learning_index, publish=False)

    assert client.get(draft.video_url).status_code == 404


def test_unknown_media_kind_is_not_found(client, screencast):
    assert client.get(f"/leren/screencast/{screencast.pk}/iets/").status_code == 404


def test_head_request_tells_the_size_without_a_body(client, screencast):
    response = client.head(screencast.video_url)

    assert response.status_code == 200
    assert response["Content-Length"] == str(SIZE)
    assert response.content == b""


def test_behind_nginx_a_published_video_is_handed_to_nginx(client, screencast, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected/"

    response = client.get(screencast.video_url, HTTP_RANGE="bytes=0-99")

    # nginx answers the Range itself (206) from its internal location.
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/" + screencast.video_file.name
    assert response["Content-Type"] == "video/webm"
    assert response.content == b""


def test_behind_nginx_an_unpublished_video_is_not_handed_out(
    client, learning_index, media_root, settings
):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected/"
    draft = make_screencast(learning_index, publish=False)

    response = client.get(draft.video_url)

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response
