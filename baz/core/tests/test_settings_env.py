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
