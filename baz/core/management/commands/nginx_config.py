"""Print the nginx site configuration, rendered from deploy/nginx/ with the app's own limits.

The request body limit (REQUEST_BODY_MAX_BYTES), the admin's upload limit, static and media
folders and the error pages folder come from the settings, so nginx and the app never
disagree. Production example (TLS at nginx):

    manage.py nginx_config --server-name baz.example.org --listen "443 ssl" \\
        --tls-cert /etc/letsencrypt/live/baz.example.org/fullchain.pem \\
        --tls-key /etc/letsencrypt/live/baz.example.org/privkey.pem \\
        --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 > /etc/nginx/sites-available/baz
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

DEPLOY_DIR = Path(settings.BASE_DIR) / "deploy" / "nginx"


def render_nginx_config(
    *,
    listen: str,
    server_name: str,
    upstreams: list[str],
    forwarded_proto: str = "$scheme",
    tls_cert: str = "",
    tls_key: str = "",
    error_pages_dir: str = "",
    read_timeout: str = "30s",
) -> str:
    template = "".join(
        line
        for line in (DEPLOY_DIR / "baz.conf.template").read_text(encoding="utf-8").splitlines(True)
        if not (line.startswith("#") and "{{" in line)
    )
    proxy = (DEPLOY_DIR / "proxy_params.conf").read_text(encoding="utf-8")
    proxy_lines = [line for line in proxy.splitlines() if line.strip() and not line.startswith("#")]
    proxy_block = "".join(f"        {line}\n" for line in proxy_lines)
    tls = ""
    if tls_cert:
        tls = (
            f"    ssl_certificate {tls_cert};\n"
            f"    ssl_certificate_key {tls_key};\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n"
            "    ssl_session_cache shared:baz_tls:10m;\n"
        )
    if not re.fullmatch(r"[1-9][0-9]{0,3}s", read_timeout):
        raise CommandError("--read-timeout: a number of seconds such as 30s.")
    errors = error_pages_dir or settings.ERROR_PAGES_DIR
    if not errors:
        raise CommandError("Set ERROR_PAGES_DIR or give --error-pages-dir.")
    values = {
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "TLS": tls,
        "UPSTREAMS": "".join(f"    server {address} max_fails=0;\n" for address in upstreams),
        "STATIC_ROOT": str(settings.STATIC_ROOT).rstrip("/"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT).rstrip("/"),
        "ERROR_PAGES_DIR": str(errors).rstrip("/"),
        "BODY_MAX": str(int(settings.REQUEST_BODY_MAX_BYTES)),
        "ADMIN_BODY_MAX": str(int(settings.ADMIN_REQUEST_BODY_MAX_BYTES)),
        "ADMIN_PREFIX": settings.ADMIN_URL_PREFIX,
        "PROXY": proxy_block,
    }
    text = template.replace("{{PROXY}}", values.pop("PROXY"))
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text.replace("{{FORWARDED_PROTO}}", forwarded_proto).replace(
        "{{READ_TIMEOUT}}", read_timeout
    )


class Command(BaseCommand):
    help = "Print the nginx site configuration with the app's upload limit and folders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listen", default="443 ssl")
        parser.add_argument("--server-name", default=(settings.ALLOWED_HOSTS or ["_"])[0])
        parser.add_argument("--upstream", action="append", default=[])
        parser.add_argument("--forwarded-proto", default="$scheme")
        parser.add_argument("--tls-cert", default="")
        parser.add_argument("--tls-key", default="")
        parser.add_argument("--error-pages-dir", default="")
        # How long nginx waits for the app before its own 504 page; keep it above gunicorn's
        # worker timeout (30 s) in production. The production proof sets a short one.
        parser.add_argument("--read-timeout", default="30s")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            render_nginx_config(
                listen=options["listen"],
                server_name=options["server_name"],
                upstreams=options["upstream"] or ["127.0.0.1:8001"],
                forwarded_proto=options["forwarded_proto"],
                tls_cert=options["tls_cert"],
                tls_key=options["tls_key"],
                error_pages_dir=options["error_pages_dir"],
                read_timeout=options["read_timeout"],
            ),
            ending="",
        )
