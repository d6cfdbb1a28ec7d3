"""Settings come from the environment in one place: settings.py, and `.env.example` lists
every variable it reads (House in order, part 2)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "baz" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"

READ = re.compile(
    r'\benv(?:_int|_float|_bool|_list)?\(\s*"([A-Z0-9_]+)"'
    r'|os\.environ(?:\.get\(|\[)\s*"([A-Z0-9_]+)"'
    r'|\benv="([A-Z0-9_]+)"'
)
LISTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]+)=", re.MULTILINE)


def _read_by_settings() -> set[str]:
    return {next(g for g in m.groups() if g) for m in READ.finditer(SETTINGS.read_text())}


def test_env_example_lists_every_variable_settings_reads():
    read = _read_by_settings()
    listed = set(LISTED.findall(ENV_EXAMPLE.read_text()))

    assert len(read) > 60  # the pattern still finds what settings.py reads
    assert sorted(read - listed) == [], "add these to .env.example"
    assert sorted(listed - read) == [], "settings.py does not read these"


def test_settings_and_the_client_address_are_read_in_one_place():
    """Every setting is declared in settings.py: apps read `settings.X`, never a getattr with a
    default of their own (core may look up a setting whose name a form class gives). The
    client's address comes from `baz.core.ratelimit.client_ip` (trusted proxies), never from
    REMOTE_ADDR, which is nginx's address in production."""
    offenders = []
    for path in (ROOT / "baz").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative.startswith("baz/core/"):
            continue
        if relative == "baz/settings.py":
            continue
        text = path.read_text()
        offenders += [
            f"{relative}: {word}" for word in ("getattr(settings", "REMOTE_ADDR") if word in text
        ]
    assert offenders == []


@pytest.mark.parametrize(
    ("variable", "value"), [("EMAIL_PORT", "smtp"), ("PAGE_CACHE_SECONDS", "10m")]
)
def test_a_malformed_number_names_the_variable(variable, value):
    result = subprocess.run(
        [sys.executable, "-c", "import baz.settings"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", variable: value},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert variable in result.stderr
    assert repr(value) in result.stderr
