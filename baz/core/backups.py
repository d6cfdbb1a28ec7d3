"""Backups of the database and the media files, and restoring them (`manage.py backup/restore`).

A backup is one folder: `database.dump` (PostgreSQL, `pg_dump --format=custom`) or
`database.sqlite3` (SQLite, through SQLite's online backup API), `media.tar.gz` with every
uploaded file, and `manifest.json` with the row count of every table and the list of media
files, so a restore can be verified. Restoring replaces the database and the media folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

DUMP_PG = "database.dump"
DUMP_SQLITE = "database.sqlite3"
MEDIA_TAR = "media.tar.gz"
MANIFEST = "manifest.json"


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = int(cursor.fetchone()[0])
    return counts


def media_files(root: Path | None = None) -> list[str]:
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "127.0.0.1", "--username", db.get("USER") or "postgres"]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def backup_create(destination: Path) -> Path:
    """Write a new backup folder under `destination` and return it."""
    stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"baz-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = Path(destination) / f"baz-{stamp}-{suffix}"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o700)
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        subprocess.run(  # noqa: S603
            [
                shutil.which("pg_dump") or "/usr/bin/pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--file",
                str(folder / DUMP_PG),
                str(connection.settings_dict["NAME"]),
            ],
            check=True,
            env=env,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / DUMP_SQLITE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise RuntimeError(f"No backup for {connection.vendor}.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_TAR, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created_at": datetime.now(tz=UTC).isoformat(),
        "database": connection.vendor,
        "tables": table_counts(),
        "media": media_files(media_root),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return folder


def backup_restore(folder: Path) -> dict[str, Any]:
    """Replace the database and the media folder with the backup in `folder`.

    Returns the backup's manifest after checking that the restored row counts and media
    files match it (raises RuntimeError otherwise).
    """
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if manifest["database"] != connection.vendor:
        raise RuntimeError(
            f"This backup is of a {manifest['database']} database, not {connection.vendor}."
        )
    if connection.vendor == "postgresql":
        connections.close_all()
        args, env = _pg_env()
        subprocess.run(  # noqa: S603
            [
                shutil.which("pg_restore") or "/usr/bin/pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                str(connection.settings_dict["NAME"]),
                str(folder / DUMP_PG),
            ],
            check=True,
            env=env,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(folder / DUMP_SQLITE)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(folder / MEDIA_TAR, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("media/")]
        for member in members:
            member.name = member.name[len("media/") :]
        archive.extractall(media_root, members=[m for m in members if m.name], filter="data")
    counts = table_counts()
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        raise RuntimeError(f"Restored row counts differ from the backup: {wrong}")
    if media_files(media_root) != manifest["media"]:
        raise RuntimeError("The restored media files differ from the backup.")
    return manifest
