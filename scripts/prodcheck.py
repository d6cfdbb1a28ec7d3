"""The checks of `make prodcheck`, run by scripts/prodcheck against the stack it started.

Everything goes through nginx (PRODCHECK_BASE_URL) like a visitor's browser would, except
where a check needs to look inside (row counts, the outbox) or to break something on purpose
(PostgreSQL, a worker, the SMTP server, the media disk). Targets come from what exists: the
URLconf, the OpenAPI document and the live Wagtail pages, so parts added later are checked
too. Prints one line per check; exits 1 when any failed.
"""

from __future__ import annotations

import contextlib
import mailbox
import os
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

BASE = os.environ.get("PRODCHECK_BASE_URL", "http://127.0.0.1:8460")
WORK = Path(os.environ.get("PRODCHECK_WORK", "/nonexistent"))
PY = os.environ.get("PY", sys.executable)
HOST = "127.0.0.1"
ORIGIN = f"https://{HOST}"
DEMO_PASSWORD = "Demo-wachtwoord-2026"  # noqa: S105 - the documented demo password

results: list[tuple[str, bool, str]] = []


# --- Small HTTP helpers ---------------------------------------------------------------------


class _SourceAdapter(requests.adapters.HTTPAdapter):
    """Connect from another loopback address (127.0.0.0/8 is all ours): another "visitor"."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


_sessions: dict[str, requests.Session] = {}


def _session(source: str | None) -> Any:
    if source is None:
        return requests
    if source not in _sessions:
        session = requests.Session()
        session.mount("http://", _SourceAdapter(source))
        _sessions[source] = session
    return _sessions[source]


def http(
    method: str,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    xff: str | None = None,
    source: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
    **kwargs: Any,
) -> requests.Response:
    """One request through nginx. Cookies are passed by hand: they are Secure, and the check
    speaks plain http to nginx (which tells the app the request came over https). `source`
    is the client's own loopback address; `xff` a (spoofed) X-Forwarded-For it sends."""
    sent = {"Host": HOST, **(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if xff:
        sent["X-Forwarded-For"] = xff
    if method != "GET":
        sent.setdefault("Origin", ORIGIN)
        sent.setdefault("Referer", ORIGIN + path)
    return _session(source).request(
        method, BASE + path, headers=sent, allow_redirects=False, timeout=timeout, **kwargs
    )


def set_cookies(response: requests.Response) -> dict[str, str]:
    """Raw Set-Cookie headers by cookie name."""
    raw = response.raw.headers.getlist("Set-Cookie") if response.raw is not None else []
    return {line.split("=", 1)[0].strip(): line for line in raw}


def cookie_values(response: requests.Response) -> dict[str, str]:
    return {
        name: line.split("=", 1)[1].split(";", 1)[0] for name, line in set_cookies(response).items()
    }


def hidden_inputs(html: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            found[name.group(1)] = value.group(1) if value else ""
    return found


def check(name: str) -> Callable[[Callable[[], str | None]], Callable[[], None]]:
    def wrap(func: Callable[[], str | None]) -> Callable[[], None]:
        def run() -> None:
            started = time.monotonic()
            try:
                detail = func() or ""
                ok = True
            except AssertionError as error:
                detail, ok = str(error) or "assertion failed", False
            except Exception as error:
                detail, ok = f"{type(error).__name__}: {error}", False
                traceback.print_exc()
            took = time.monotonic() - started
            results.append((name, ok, detail))
            mark = "PASS" if ok else "FAIL"
            print(f"[{mark}] {name} ({took:.1f}s){': ' + detail if detail else ''}", flush=True)

        run.__name__ = func.__name__
        CHECKS.append(run)
        return run

    return wrap


CHECKS: list[Callable[[], None]] = []


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# --- Targets from what exists ----------------------------------------------------------------


def entry_url() -> str:
    from baz.atlas.models import Entry

    close_old_connections()
    entry = Entry.objects.filter(live=True).order_by("pk").first()
    _expect(entry is not None, "no published atlas entry")
    return entry.get_absolute_url()  # type: ignore[union-attr]


def parameterless_urls() -> list[str]:
    """Every URL of the URLconf that takes no arguments (public or not)."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for item in patterns:
            route = str(item.pattern)
            if "<" in route or "(?P" in route or ("^" in route.lstrip("^") and "(" in route):
                continue
            route = route.lstrip("^").rstrip("$")
            if isinstance(item, URLResolver):
                walk(item.url_patterns, prefix + route)
            elif isinstance(item, URLPattern):
                found.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted({url for url in found if "\\" not in url and "*" not in url})


def live_page_urls() -> list[str]:
    from wagtail.models import Page

    close_old_connections()
    return [
        page.url for page in Page.objects.live().public().specific() if page.url and page.depth > 1
    ]


# --- Function checks ------------------------------------------------------------------------


@check("home, atlas, an entry page and /beheer/login/ answer 200 through nginx")
def pages_ok() -> str:
    for path in ["/", "/inspireer-elkaar/", entry_url(), "/beheer/login/", "/aanmelden/"]:
        response = http("GET", path)
        if response.status_code in {301, 302} and path == "/beheer/login/":
            # The staff login is the two-factor-aware login of the site.
            location = response.headers["Location"].split("://", 1)[-1]
            path = (
                "/" + location.split("/", 1)[1]
                if "://" in response.headers["Location"]
                else location
            )
            response = http("GET", path)
        _expect(response.status_code == 200, f"{path}: {response.status_code}")
    return ""


@check("every live Wagtail page answers 200")
def wagtail_pages_ok() -> str:
    urls = live_page_urls()
    bad = [(u, http("GET", u).status_code) for u in urls]
    bad = [(u, s) for u, s in bad if s != 200]
    _expect(not bad, f"{bad}")
    return f"{len(urls)} pages"


@check("every parameterless URL of the URLconf answers without a server error")
def urlconf_sweep() -> str:
    urls = [u for u in parameterless_urls() if not u.startswith("/__bench__/")]
    failures = []
    for url in urls:
        status = http("GET", url).status_code
        if status >= 500:
            failures.append((url, status))
    _expect(not failures, f"server errors: {failures}")
    return f"{len(urls)} URLs"


@check("the OpenAPI document and every API operation answer (200 or a clear 400, never 5xx)")
def api_ok() -> str:
    response = http("GET", "/api/v1/openapi.json")
    _expect(response.status_code == 200, f"openapi.json: {response.status_code}")
    spec = response.json()
    checked = 0
    for path, operations in spec.get("paths", {}).items():
        if "get" not in operations or "{" in path:
            continue
        response = http("GET", path)
        _expect(response.status_code < 500, f"{path}: {response.status_code}")
        bad = http("GET", path + "?page=abc&bbox=1,2&zoom=99&kind=<script>")
        _expect(bad.status_code in {200, 400, 404, 422}, f"{path} bad params: {bad.status_code}")
        checked += 1
    _expect(checked >= 3, f"only {checked} API operations found")
    ok = http("GET", "/api/v1/initiatives")
    _expect(ok.status_code == 200, f"/api/v1/initiatives: {ok.status_code}")
    return f"{checked} operations"


def _csp(response: requests.Response) -> str:
    return response.headers.get("Content-Security-Policy", "")


@check("security headers on public pages and /mijn/; the admin keeps its own policy")
def headers_ok() -> str:
    login = http("GET", "/aanmelden/")
    cookies = cookie_values(login)
    session = _login("medewerker.gent@example.org", source="127.0.0.20")
    for path, extra in [
        ("/", {}),
        ("/inspireer-elkaar/", {}),
        (entry_url(), {}),
        ("/aanmelden/", {}),
        ("/mijn/", {"cookies": {**cookies, **session}}),
    ]:
        response = http("GET", path, **extra)  # type: ignore[arg-type]
        _expect(response.status_code == 200, f"{path}: {response.status_code}")
        csp = _csp(response)
        script_src = re.search(r"script-src ([^;]*)", csp)
        _expect(script_src is not None, f"{path}: no script-src in CSP")
        _expect(
            script_src.group(1).strip() == "'self'",  # type: ignore[union-attr]
            f"{path}: script-src is {script_src.group(1)!r}",  # type: ignore[union-attr]
        )
        _expect("nonce-" not in csp, f"{path}: a nonce in the CSP")
        _expect("frame-ancestors 'none'" in csp, f"{path}: frame-ancestors")
        _expect(
            "max-age=" in response.headers.get("Strict-Transport-Security", ""), f"{path}: HSTS"
        )
        _expect(response.headers.get("X-Content-Type-Options") == "nosniff", f"{path}: nosniff")
        _expect(bool(response.headers.get("Referrer-Policy")), f"{path}: Referrer-Policy")
        _expect("camera=()" in response.headers.get("Permissions-Policy", ""), f"{path}: P-P")
    admin = http("GET", "/beheer/login/")
    _expect("'unsafe-inline'" in _csp(admin), "admin: its own (looser) script policy")
    static = http("GET", "/static/core/css/site.css", headers={"Accept-Encoding": "gzip"})
    if static.status_code == 404:  # hashed names in production: find it in the page
        href = re.search(r'href="(/static/core/css/site[^"]*\.css)"', http("GET", "/").text)
        _expect(href is not None, "no stylesheet link on the home page")
        static = http("GET", href.group(1))  # type: ignore[union-attr]
    _expect(static.status_code == 200, f"static file through nginx: {static.status_code}")
    _expect("immutable" in static.headers.get("Cache-Control", ""), "static Cache-Control")
    return "public, /mijn/, admin, static"


@check("cookies are Secure, HttpOnly and SameSite")
def cookies_ok() -> str:
    response = http("GET", "/contact/")
    raw = set_cookies(response)
    _expect("csrftoken" in raw, "no CSRF cookie on the contact form")
    session = _login("medewerker.leuven@example.org", source="127.0.0.21", raw=True)
    for name, line in [("csrftoken", raw["csrftoken"]), ("sessionid", session["sessionid"])]:
        lowered = line.lower()
        for flag in ("secure", "httponly", "samesite=lax"):
            _expect(flag in lowered, f"{name} lacks {flag}: {line}")
    return ""


@check("a POST without a CSRF token is refused (403)")
def csrf_ok() -> str:
    response = http("POST", "/contact/", data={"name": "X", "email": "x@example.org"})
    _expect(response.status_code == 403, f"status {response.status_code}")
    _expect("<html" in response.text.lower(), "no page")
    return ""


def _login(
    email: str,
    *,
    source: str = "127.0.0.1",
    xff: str | None = None,
    password: str = DEMO_PASSWORD,
    raw: bool = False,
) -> Any:
    page = http("GET", "/aanmelden/", source=source, xff=xff)
    cookies = cookie_values(page)
    data = hidden_inputs(page.text)
    data.update({"auth-username": email, "auth-password": password})
    data.setdefault("login_view-current_step", "auth")
    response = http("POST", "/aanmelden/", data=data, cookies=cookies, source=source, xff=xff)
    if raw:
        _expect("sessionid" in set_cookies(response), f"login of {email}: {response.status_code}")
        return set_cookies(response)
    if response.status_code == 302:
        return cookie_values(response)
    return {"_status": str(response.status_code)}


@check("login throttling through nginx counts per client address, spoofing does not help")
def axes_ok() -> str:
    email = "initiatiefnemer@example.org"
    attacker = "127.0.0.66"  # the attacker's own address, as nginx sees it
    statuses = []
    wrong = "fout-wachtwoord-123"
    for n in range(int(settings.AXES_FAILURE_LIMIT)):
        # A different forged X-Forwarded-For each time: nginx appends the real address.
        found = _login(email, source=attacker, xff=f"10.9.8.{n}", password=wrong)
        statuses.append(found.get("_status"))
    locked = _login(email, source=attacker, xff="10.9.9.9")
    _expect(locked.get("_status") in {"429", "403", "200"}, f"after failures: {locked}")
    _expect("sessionid" not in locked, "the attacker's address got in with the right password")
    other = _login(email, source="127.0.0.77")
    _expect("sessionid" in other, f"another address was locked out too: {other}")
    return (
        f"failures answered {dict(Counter(statuses))}, then {locked.get('_status')}; "
        "another address logs in"
    )


@check("staff need their second factor through nginx; weak new passwords are refused")
def two_factor_and_password_rules_ok() -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from baz.accounts.totp import totp_current_code, totp_seconds_left

    email = "redactie@example.org"
    source = "127.0.0.88"
    page = http("GET", "/aanmelden/", source=source)
    cookies = cookie_values(page)
    data = hidden_inputs(page.text)
    data.update(
        {"auth-username": email, "auth-password": DEMO_PASSWORD, "login_view-current_step": "auth"}
    )
    step = http("POST", "/aanmelden/", data=data, cookies=cookies, source=source)
    cookies.update(cookie_values(step))
    _expect(step.status_code == 200, f"after the password: {step.status_code}")
    _expect('name="token-otp_token"' in step.text, "no second step after the password")
    admin = http("GET", settings.ADMIN_URL_PREFIX, cookies=cookies, source=source)
    _expect(admin.status_code == 302, f"the admin with only a password: {admin.status_code}")

    def token_step(code: str) -> requests.Response:
        fields = hidden_inputs(step.text)
        fields.update({"token-otp_token": code, "login_view-current_step": "token"})
        return http("POST", "/aanmelden/", data=fields, cookies=cookies, source=source)

    wrong = token_step("000000")
    _expect(wrong.status_code == 200, f"a wrong code: {wrong.status_code}")
    _expect('name="token-otp_token"' in wrong.text, "a wrong code left the second step")
    time.sleep(2.5)  # django-otp throttles the device for a moment after a wrong code
    device = TOTPDevice.objects.get(user__email=email)
    if totp_seconds_left(device) < 3:
        time.sleep(4)
    close_old_connections()
    right = token_step(totp_current_code(device))
    _expect(right.status_code == 302, f"the right code: {right.status_code}")
    cookies.update(cookie_values(right))
    admin = http("GET", settings.ADMIN_URL_PREFIX, cookies=cookies, source=source)
    _expect(admin.status_code == 200, f"the admin after both factors: {admin.status_code}")

    form = http("GET", "/wachtwoord/wijzigen/", cookies=cookies, source=source)
    _expect(form.status_code == 200, f"password form: {form.status_code}")
    cookies.update(cookie_values(form))
    fields = hidden_inputs(form.text)
    fields.update(
        {"old_password": DEMO_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    weak = http("POST", "/wachtwoord/wijzigen/", data=fields, cookies=cookies, source=source)
    _expect(weak.status_code == 200, f"a weak password: {weak.status_code} (accepted?)")
    _expect('class="field__errors"' in weak.text, "no error message on the form")
    return "password alone: no admin; wrong code refused; right code: admin; '12345678' refused"


@check("anonymous pages come from the shared cache; publishing shows the change at once")
def page_cache_ok() -> str:
    url = entry_url()
    http("GET", url)
    second = http("GET", url)
    _expect(second.headers.get("X-Page-Cache") == "hit", f"entry page: {second.headers}")
    _expect("csrftoken" in set_cookies(second), "a cached page with a form sets a CSRF cookie")
    from baz.atlas.models import Entry

    close_old_connections()
    entry = Entry.objects.filter(live=True).order_by("pk").first()
    assert entry is not None
    old = entry.summary
    entry.summary = "Bijgewerkt door de prodcheck."
    entry.save(update_fields=["summary"])
    try:
        changed = http("GET", url)
        _expect("Bijgewerkt door de prodcheck." in changed.text, "the change did not show")
    finally:
        entry.summary = old
        entry.save(update_fields=["summary"])
    return ""


@check(
    "uploaded files: the app checks, nginx sends (published video 206 on a Range; unpublished "
    "video, private document and original image refused; renditions direct)"
)
def protected_media_ok() -> str:
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction

    from baz.learning.models import ScreencastPage

    close_old_connections()
    cleanup: list[Any] = []
    try:
        # A published screencast: its video through the app, the bytes and the Range from nginx.
        live = ScreencastPage.objects.live().exclude(video_file="").order_by("pk").first()
        _expect(live is not None, "no published screencast with a video (demo data)")
        assert live is not None
        ranged = http("GET", live.video_url, headers={"Range": "bytes=0-99"})
        _expect(ranged.status_code == 206, f"published video, Range: {ranged.status_code}")
        _expect(len(ranged.content) == 100, f"206 with {len(ranged.content)} bytes")
        _expect(
            ranged.headers.get("Content-Range", "").startswith("bytes 0-99/"),
            f"Content-Range: {ranged.headers.get('Content-Range')}",
        )
        _expect(ranged.headers.get("Content-Type") == live.video_type, f"{ranged.headers}")
        _expect("X-Accel-Redirect" not in ranged.headers, "nginx leaked X-Accel-Redirect")
        whole = http("GET", live.video_url)
        _expect(whole.status_code == 200, f"published video: {whole.status_code}")
        _expect(len(whole.content) == live.video_file.size, "published video: wrong length")
        # The same file straight from /media/ (what nginx served to anyone before).
        direct = http("GET", "/media/" + live.video_file.name)
        _expect(direct.status_code == 404, f"/media/{live.video_file.name}: {direct.status_code}")

        # An unpublished screencast with its own video: refused, and not reachable under /media/.
        draft = ScreencastPage(title="Prodcheck concept", slug="prodcheck-concept", live=False)
        draft.video_file.save("prodcheck-concept.webm", ContentFile(b"\x1aE\xdf\xa3" * 64), False)
        live.get_parent().add_child(instance=draft)
        cleanup.append(draft)
        refused = http("GET", draft.video_url, headers={"Range": "bytes=0-99"})
        _expect(refused.status_code == 404, f"unpublished video: {refused.status_code}")
        hidden = http("GET", "/media/" + draft.video_file.name)
        _expect(hidden.status_code == 404, f"unpublished video under /media/: {hidden.status_code}")

        # A document in a private collection (login required), and a public one.
        collection = Collection.get_first_root_node().add_child(name="Prodcheck intern")
        cleanup.append(collection)
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        Document = get_document_model()
        private = Document(title="Intern verslag", collection=collection)
        private.file.save("prodcheck-intern.pdf", ContentFile(b"%PDF-1.4 intern"), save=False)
        private.save()
        cleanup.append(private)
        answer = http("GET", private.url)
        _expect(
            answer.status_code in {302, 403, 404} and b"intern" not in answer.content,
            f"private document: {answer.status_code}",
        )
        hidden = http("GET", "/media/" + private.file.name)
        _expect(hidden.status_code == 404, f"private document under /media/: {hidden.status_code}")
        public = Document(title="Publiek", collection=Collection.get_first_root_node())
        public.file.save("prodcheck-publiek.pdf", ContentFile(b"%PDF-1.4 publiek"), save=False)
        public.save()
        cleanup.append(public)
        shown = http("GET", public.url)
        _expect(shown.status_code == 200, f"public document: {shown.status_code}")
        _expect(shown.content == b"%PDF-1.4 publiek", "public document: wrong bytes")
        _expect("X-Accel-Redirect" not in shown.headers, "nginx leaked X-Accel-Redirect")
        _expect(shown.headers.get("X-Content-Type-Options") == "nosniff", f"{shown.headers}")

        # An original image: staff only; its rendition comes straight from nginx.
        image = get_image_model().objects.create(title="Prodcheck", file=get_test_image_file())
        cleanup.append(image)
        original = http("GET", image.file.url)
        _expect(original.status_code == 404, f"original image: {original.status_code}")
        rendition = image.get_rendition("fill-60x40")
        served = http("GET", rendition.url)
        _expect(served.status_code == 200, f"rendition {rendition.url}: {served.status_code}")
        _expect(served.headers.get("Content-Type", "").startswith("image/"), f"{served.headers}")

        # The internal location cannot be asked for from outside.
        inside = http("GET", "/_protected/" + live.video_file.name)
        _expect(inside.status_code == 404, f"/_protected/ from outside: {inside.status_code}")
    finally:
        for obj in reversed(cleanup):
            with contextlib.suppress(Exception):
                obj.delete()
    return "video 206 via nginx; draft video, private document, original: refused"


def _redis(action: str) -> None:
    """Stop Redis (SIGTERM, wait for its exit) or start it again as scripts/prodcheck does."""
    pidfile = WORK / "redis.pid"
    if action == "stop":
        pid = int(pidfile.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.1)
        raise AssertionError("Redis did not stop")
    port = os.environ["REDIS_URL"].rsplit(":", 1)[1].split("/", 1)[0]
    subprocess.run(
        ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--daemonize", "yes", "--pidfile", str(pidfile), "--dir", str(WORK),
         "--logfile", str(WORK / "redis.log"), "--maxmemory", "256mb",
         "--maxmemory-policy", "allkeys-lru"],
        check=True,
    )  # fmt: skip
    import socket

    for _ in range(100):
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
            return
        time.sleep(0.1)
    raise AssertionError("Redis did not start again")


@check(
    "Redis stopped under load: GETs 200, no 500, every accepted post stored, a save works; "
    "pages come from the cache again once Redis is back"
)
def redis_down_ok() -> str:
    from baz.atlas.models import Entry
    from baz.contact.models import ContactMessage
    from baz.core.generation import content_generation

    close_old_connections()
    url = entry_url()
    before = ContactMessage.objects.count()
    entry = Entry.objects.filter(live=True).order_by("pk").first()
    assert entry is not None
    old = entry.summary
    try:
        with (
            request_loop(["/", url, "/inspireer-elkaar/?q=soep{n}", "/verhalen/"]) as seen,
            contact_posts("127.0.4") as posted,
        ):
            time.sleep(2)
            _redis("stop")
            time.sleep(2)
            # A save of public content while Redis is down (the content generation is in Redis).
            entry.summary = "Opgeslagen terwijl Redis stil lag."
            entry.save(update_fields=["summary"])
            during = http("GET", url)
            time.sleep(2)
            _redis("start")
            time.sleep(2)
    finally:
        if not Path(WORK / "redis.pid").exists() or not _redis_running():
            _redis("start")
    statuses = Counter(status for status, _ in seen)
    _expect(set(statuses) == {200}, f"GET statuses around the outage: {dict(statuses)}")
    _expect(during.status_code == 200, f"entry page during the outage: {during.status_code}")
    _expect("Opgeslagen terwijl Redis stil lag." in during.text, "the save did not show")
    _expect(all(0 < s < 500 for s in posted), f"POST statuses: {dict(Counter(posted))}")
    close_old_connections()
    stored = ContactMessage.objects.count() - before
    accepted = sum(1 for s in posted if s == 302)
    _expect(accepted > 0, f"no contact message accepted: {dict(Counter(posted))}")
    _expect(accepted <= stored <= len(posted), f"{accepted} accepted, {stored} stored")
    # Back to normal: this process makes the bump it owes, the page cache answers hits again.
    content_generation()
    hit = False
    for _ in range(20):
        first = http("GET", url)
        second = http("GET", url)
        if second.headers.get("X-Page-Cache") == "hit":
            hit = True
            break
        time.sleep(0.5)
    entry.summary = old
    entry.save(update_fields=["summary"])
    _expect(hit, f"no cache hit after Redis returned: {second.headers.get('X-Page-Cache')}")
    _expect("Opgeslagen terwijl Redis stil lag." in first.text, "a stale page after Redis returned")
    return (
        f"GETs {dict(statuses)}; POSTs {dict(Counter(posted))}, {stored} messages stored for "
        f"{accepted} accepted; cache hits again"
    )


def _redis_running() -> bool:
    with contextlib.suppress(OSError, ValueError):
        pid = int((WORK / "redis.pid").read_text().strip())
        return Path(f"/proc/{pid}").exists()
    return False


@check("a body over the upload limit gets nginx's Dutch 413 page")
def too_large_ok() -> str:
    size = int(settings.REQUEST_BODY_MAX_BYTES) + 1024 * 1024
    response = http(
        "POST",
        "/inspireer-elkaar/voorstellen/",
        files={"image": ("groot.jpg", b"0" * size, "image/jpeg")},
    )
    _expect(response.status_code == 413, f"status {response.status_code}")
    _expect("te groot" in response.text, "not the Dutch page")
    fifty = http(
        "POST", "/contact/", data=b"0" * (50 * 1024 * 1024), headers={"Content-Type": "text/plain"}
    )
    _expect(fifty.status_code == 413, f"50 MB: {fifty.status_code}")
    return f"limit {size - 1024 * 1024} bytes"


@check("the app itself redirects plain http to https (SECURE_SSL_REDIRECT)")
def ssl_redirect_ok() -> str:
    port = os.environ.get("PRODCHECK_APP_PORTS", "8461").split(",")[0]
    response = requests.get(
        f"http://127.0.0.1:{port}/", headers={"Host": HOST}, allow_redirects=False, timeout=10
    )
    _expect(response.status_code == 301, f"status {response.status_code}")
    _expect(response.headers.get("Location", "").startswith("https://"), "not to https")
    return ""


# --- Faults --------------------------------------------------------------------------------


def gunicorn_pids() -> tuple[int, list[int]]:
    master = int((WORK / "gunicorn.pid").read_text().strip())
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                workers.append(int(stat.parent.name))
    return master, sorted(workers)


@contextlib.contextmanager
def request_loop(paths: list[str], threads: int = 3) -> Iterator[list[tuple[int, str]]]:
    """GET the paths round-robin from a few threads until the block ends."""
    seen: list[tuple[int, str]] = []
    stop = threading.Event()

    def worker(offset: int) -> None:
        n = offset
        while not stop.is_set():
            path = paths[n % len(paths)].replace("{n}", str(n % 20 + 1))
            n += threads
            try:
                response = http("GET", path, timeout=20)
                seen.append((response.status_code, response.text[:4000]))
            except requests.RequestException as error:
                seen.append((0, str(error)))

    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    try:
        yield seen
    finally:
        stop.set()
        for thread in pool:
            thread.join(timeout=30)


@check("a killed app worker: nginx and gunicorn keep serving, no failed request")
def worker_kill_ok() -> str:
    _master, workers = gunicorn_pids()
    _expect(len(workers) == 3, f"expected 3 workers, found {workers}")
    with request_loop(["/api/v1/initiatives?page_size={n}", "/"], threads=2) as seen:
        time.sleep(1.5)
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(3)
    statuses = Counter(status for status, _ in seen)
    _expect(set(statuses) == {200}, f"statuses during the kill: {dict(statuses)}")
    time.sleep(1)
    _master, after = gunicorn_pids()
    _expect(len(after) == 3 and workers[0] not in after, f"no replacement worker: {after}")
    return f"{sum(statuses.values())} requests, all 200; worker replaced"


def _pg_ctl(*args: str) -> None:
    subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            os.environ["PRODCHECK_PGBIN"] + "/pg_ctl",
            "-D",
            os.environ["PRODCHECK_PGDATA"],
            *args,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def contact_posts(subnet: str) -> Iterator[list[int]]:
    """Contact-form posts every 50 ms, each from another client address in `subnet` (so no
    rate limit stops them), for as long as the block runs; yields their statuses (0: no
    answer). The form is fetched first and the minimum fill time waited out."""
    data, cookies = _contact_form()
    time.sleep(float(settings.CONTACT_MIN_FILL_SECONDS) + 0.5)
    posted: list[int] = []
    stop = threading.Event()

    def poster() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                response = http(
                    "POST",
                    "/contact/",
                    data=data,
                    cookies=cookies,
                    source=f"{subnet}.{n % 250 + 1}",
                )
                posted.append(response.status_code)
            except requests.RequestException:
                posted.append(0)
            time.sleep(0.05)

    thread = threading.Thread(target=poster, daemon=True)
    thread.start()
    try:
        yield posted
    finally:
        stop.set()
        thread.join(timeout=30)


def _contact_form() -> tuple[dict[str, str], dict[str, str]]:
    page = http("GET", "/contact/")
    _expect(page.status_code == 200, f"/contact/: {page.status_code}")
    data = hidden_inputs(page.text)
    topic = re.search(r'name="topic" value="([^"]+)"', page.text) or re.search(
        r'<option value="([^"]+)"', page.text.split('name="topic"', 1)[-1]
    )
    _expect(topic is not None, "no topic on the contact form")
    data.update(
        {
            "topic": topic.group(1),  # type: ignore[union-attr]
            "name": "Prodcheck Bezoeker",
            "email": "bezoeker@example.org",
            "body": "Een vraag die de prodcheck stuurt.",
            "municipality": "",
            "consent": "on",
            "website": "",
        }
    )
    return data, cookie_values(page)


@check("PostgreSQL restarted under load: clean Dutch 503s or successes, nothing lost")
def postgres_restart_ok() -> str:
    from baz.contact.models import ContactMessage

    close_old_connections()
    before = ContactMessage.objects.count()
    master, workers = gunicorn_pids()
    with (
        request_loop(["/inspireer-elkaar/?q=soep{n}", "/api/v1/initiatives?page_size={n}"]) as seen,
        contact_posts("127.0.3") as posted,
    ):
        time.sleep(2)
        _pg_ctl("-m", "fast", "-w", "restart", "-l", os.environ["PRODCHECK_PGDATA"] + "/server.log")
        time.sleep(3)
    statuses = Counter(status for status, _ in seen)
    _expect(set(statuses) <= {200, 503}, f"unexpected statuses: {dict(statuses)}")
    for status, body in seen:
        if status == 503:
            _expect("niet beschikbaar" in body, "a 503 without the Dutch page")
    # Recovered without restarting the app.
    recovered = [http("GET", f"/inspireer-elkaar/?q=na{n}").status_code for n in range(6)]
    _expect(set(recovered) == {200}, f"after the restart: {recovered}")
    _expect(gunicorn_pids() == (master, workers), "gunicorn was restarted")
    close_old_connections()
    stored = ContactMessage.objects.count() - before
    ok_posts = sum(1 for s in posted if s == 302)
    _expect(ok_posts <= stored <= len(posted), f"{ok_posts} accepted, {stored} stored")
    return (
        f"GETs {dict(statuses)}; POSTs {dict(Counter(posted))}, {stored} messages stored "
        f"for {ok_posts} accepted"
    )


@check(
    "SMTP down: mail waits in the outbox and is all delivered once it is back; "
    "a bounce report that arrives later by mail is recorded"
)
def smtp_ok() -> str:
    from baz.mail.models import OutboxMessage

    close_old_connections()
    for n in range(5):
        _queue_plain(n)
    queued = OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED).count()
    _expect(queued >= 5, f"only {queued} queued")
    env = dict(os.environ)
    # Every queued message in one pass: earlier checks may have queued more than one batch.
    send = [PY, "manage.py", "send_outbox", "--once", "--batch-size", "10000"]
    subprocess.run(send, cwd=ROOT, env=env, check=False)
    still = OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED).count()
    _expect(still == queued, f"with SMTP down {queued - still} were marked otherwise")
    tried = OutboxMessage.objects.filter(attempts__gte=1, state="queued").count()
    _expect(tried == queued, f"{tried} of {queued} were tried")
    box = WORK / "mailbox"
    port = os.environ["PRODCHECK_SMTP_PORT"]
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(box),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (WORK / "smtp.pid").write_text(str(server.pid))
    try:
        for _ in range(50):
            with contextlib.suppress(OSError):
                import socket

                socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
                break
            time.sleep(0.2)
        OutboxMessage.objects.filter(state="queued").update(next_attempt_at=django_now())
        subprocess.run(send, cwd=ROOT, env=env, check=True)
        close_old_connections()
        left = OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED).count()
        failed = OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count()
        delivered = len(mailbox.Maildir(str(box), create=False)) if box.is_dir() else 0
        if delivered == 0 and box.is_file():
            delivered = len(mailbox.mbox(str(box)))
        _expect(left == 0 and failed == 0, f"{left} still queued, {failed} failed")
        _expect(delivered >= queued, f"{delivered} delivered of {queued}")
        bounced = _later_bounce(box, int(port))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return f"{queued} queued while down, {delivered} delivered after; {bounced}"


def _later_bounce(box: Path, port: int) -> str:
    """The receiving server of one delivered message gives up later and mails a bounce report
    to the envelope sender; `read_bounces` (production settings) marks the message."""
    import smtplib

    from baz.mail.models import OutboxMessage
    from baz.mail.tests.factories import delivery_report

    delivered = mailbox.Maildir(str(box), create=False)
    key = next(key for key, mail in delivered.items() if mail["Subject"] == "Prodcheck 0")
    raw = delivered.get_bytes(key)
    sent = delivered[key]
    _expect(
        sent["X-MailFrom"] == settings.OUTBOX_BOUNCE_ADDRESS,
        "envelope sender is not the bounce address",
    )
    _expect("noreply" in str(sent["From"]), f"From header {sent['From']}")
    address = str(sent["To"])
    with smtplib.SMTP(HOST, port, timeout=10) as client:
        client.sendmail(
            "", [settings.OUTBOX_BOUNCE_ADDRESS], delivery_report(raw, {address: "5.1.1"})
        )
    for _ in range(50):  # the server writes the file after it answered
        if len(mailbox.Maildir(str(box), create=False)) > len(delivered):
            break
        time.sleep(0.1)
    subprocess.run([PY, "manage.py", "read_bounces", "-v", "0"], cwd=ROOT, check=True)
    close_old_connections()
    message = OutboxMessage.objects.get(message_id=str(sent["Message-ID"]).strip())
    _expect(message.bounced, "the later bounce was not recorded")
    _expect(address in message.refused_recipients, f"refused: {message.refused_recipients}")
    return f"a later bounce for {address} recorded"


def django_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def _queue_plain(n: int) -> None:
    from django.core.mail import send_mail

    send_mail(f"Prodcheck {n}", "Een testbericht.", None, [f"ontvanger{n}@example.org"])


@check("a full media disk (real 1 MB tmpfs): a clear Dutch error, the rest of the form kept")
def full_disk_ok() -> str:
    target = Path(settings.MEDIA_ROOT) / "original_images"
    target.mkdir(parents=True, exist_ok=True)
    os.environ["MEDIA_MOUNT"] = str(target)
    subprocess.run(
        ["/usr/bin/mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", str(target)],
        check=True,
    )
    try:
        with open(target / "vuller", "wb") as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        page = http("GET", "/inspireer-elkaar/voorstellen/")
        cookies = cookie_values(page)
        data = hidden_inputs(page.text)
        municipality = re.search(
            r'<option value="(\d+)"', page.text.split('name="municipality"', 1)[1]
        )
        kind = "burgerinitiatief"
        data.update(
            {
                "kind": kind,
                "name": "Soep op zondag",
                "summary": "Buren koken samen soep.",
                "description": "Iedereen is welkom in het buurthuis.",
                "submitter_name": "An Peeters",
                "submitter_email": "an.prodcheck@example.org",
                "image_alt": "Buren aan tafel",
                "homepage": "",
            }
        )
        if municipality:
            data["municipality"] = municipality.group(1)
        else:
            from baz.core.models import Municipality

            close_old_connections()
            data["municipality"] = str(Municipality.objects.get(refnis="44021").pk)
        time.sleep(3.2)
        from io import BytesIO

        from PIL import Image

        buffer = BytesIO()
        Image.effect_noise((500, 500), 80).convert("RGB").save(buffer, "PNG")
        response = http(
            "POST",
            "/inspireer-elkaar/voorstellen/",
            data=data,
            cookies=cookies,
            source="127.0.0.99",
            files={"image": ("soep.png", buffer.getvalue(), "image/png")},
        )
        _expect(response.status_code == 400, f"status {response.status_code}")
        _expect("onze opslag is vol" in response.text, "no clear message")
        _expect("Buren koken samen soep." in response.text, "the summary was lost")
        _expect("an.prodcheck@example.org" in response.text, "the e-mail address was lost")
    finally:
        subprocess.run(["/usr/bin/umount", "-l", str(target)], check=False)
        os.environ.pop("MEDIA_MOUNT", None)
    return ""


@check("an app that does not answer: nginx's Dutch 504 page; it answers again afterwards")
def app_hangs_ok() -> str:
    # Every gunicorn process frozen: the kernel still accepts connections on the sockets, so
    # nginx connects and waits until its proxy_read_timeout (PRODCHECK_READ_TIMEOUT) expires.
    master, workers = gunicorn_pids()
    processes = [master, *workers]
    for pid in processes:
        os.kill(pid, signal.SIGSTOP)
    started = time.monotonic()
    try:
        response = http("GET", f"/?b=504-{time.time_ns()}", timeout=60)
        waited = time.monotonic() - started
    finally:
        for pid in processes:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
    _expect(response.status_code == 504, f"status {response.status_code}")
    _expect("Dat duurde te lang" in response.text, "not the Dutch page")
    _expect("<html" in response.text.lower(), "not a page")
    again = http("GET", "/inspireer-elkaar/")
    _expect(again.status_code == 200, f"after the pause: {again.status_code}")
    return f"504 after {waited:.1f} s"


@check("the app down: nginx's Dutch 502 page; back up: served again")
def app_down_ok() -> str:
    master, _workers = gunicorn_pids()
    os.kill(master, signal.SIGTERM)
    for _ in range(100):
        if not Path(f"/proc/{master}").exists():
            break
        time.sleep(0.2)
    try:
        response = http("GET", "/")
        _expect(response.status_code == 502, f"status {response.status_code}")
        _expect("niet bereikbaar" in response.text, "not the Dutch page")
        _expect("<html" in response.text.lower(), "not a page")
    finally:
        start_app()
    again = http("GET", "/inspireer-elkaar/")
    _expect(again.status_code == 200, f"after restart: {again.status_code}")
    return ""


def start_app() -> None:
    """Start gunicorn again exactly as scripts/prodcheck does (start_app there)."""
    ports = os.environ.get("PRODCHECK_APP_PORTS", "8461,8462").split(",")
    env = {
        **os.environ,
        "GUNICORN_BIND": ",".join(f"127.0.0.1:{port}" for port in ports),
        "GUNICORN_WORKERS": "3",
        "GUNICORN_PIDFILE": str(WORK / "gunicorn.pid"),
        "GUNICORN_ERRORLOG": str(WORK / "gunicorn.log"),
    }
    subprocess.run(
        [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "baz.wsgi:application", "--daemon"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    import socket

    for _ in range(150):
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", int(ports[0])), timeout=1).close()
            return
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start again")


def main() -> int:
    only = set(sys.argv[1:])
    for run in CHECKS:
        if only and run.__name__ not in only:
            continue
        run()
    failed = [name for name, ok, _detail in results if not ok]
    print(f"\n{len(results) - len(failed)} of {len(results)} checks passed.")
    for name in failed:
        print(f"  FAILED: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
