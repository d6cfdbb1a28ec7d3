"""`deploy/gunicorn.conf.py` refuses to serve development settings (DEBUG on, a known key)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check_config(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BAZ_ENV", "DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "-c",
            "deploy/gunicorn.conf.py",
            "baz.wsgi:application",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gunicorn_refuses_to_start_without_production_settings():
    result = _check_config()

    assert result.returncode != 0
    assert "BAZ_ENV=production" in result.stderr


def test_gunicorn_refuses_debug_even_with_production_settings():
    result = _check_config(BAZ_ENV="production", SECRET_KEY="k" * 60, DEBUG="1")

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_gunicorn_starts_with_production_settings():
    result = _check_config(BAZ_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="localhost")

    assert result.returncode == 0, result.stderr
