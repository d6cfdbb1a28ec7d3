"""Backups of the database and the media files, and restoring them (`manage.py backup/restore`).

A backup is one folder: `database.dump` (PostgreSQL, `pg_dump --format=custom`) or
`database.sqlite3` (SQLite, through SQLite's online backup API), `media.tar.gz` with every
uploaded file, and `manifest.json` with the row count of every table, the list of media
files and a SHA-256 checksum of each file, so a restore can be verified.

The row counts describe exactly what is in the dump, while the site keeps writing (sessions,
axes, the outbox): on PostgreSQL they are counted in a REPEATABLE READ transaction whose
snapshot pg_dump uses (`--snapshot`), on SQLite in the copy itself. The media list is what went
into the archive. Restoring first verifies the whole backup (checksums, a readable dump, a
complete archive) and only then replaces the database and the media folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import zlib
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_dump_with_counts(target: Path) -> dict[str, int]:
    """pg_dump of the database and the row counts of the very same snapshot.

    A second connection opens a REPEATABLE READ transaction and exports its snapshot; pg_dump
    dumps that snapshot and the rows are counted in that transaction, so writes that arrive
    meanwhile are in neither.
    """
    # A connection of its own (same settings), so a transaction of the caller is never touched.
    snapshot_connection = connections.create_connection(connection.alias)
    snapshot_connection.ensure_connection()
    try:
        with snapshot_connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
            args, env = _pg_env()
            subprocess.run(  # noqa: S603
                [
                    shutil.which("pg_dump") or "/usr/bin/pg_dump",
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--snapshot",
                    snapshot,
                    "--file",
                    str(target),
                    str(connection.settings_dict["NAME"]),
                ],
                check=True,
                env=env,
            )
            counts = {}
            for table in sorted(snapshot_connection.introspection.table_names(cursor)):
                quoted = snapshot_connection.ops.quote_name(table)
                cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
                counts[table] = int(cursor.fetchone()[0])
            cursor.execute("COMMIT")
    finally:
        snapshot_connection.close()
    return counts


def _sqlite_copy_with_counts(target: Path) -> dict[str, int]:
    """SQLite's online backup into `target`, and the row counts of that copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The tables Django's introspection lists (table_counts() after a restore).
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name != 'sqlite_sequence' ORDER BY name"
            )
        ]
        return {
            table: int(
                copy.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
                ).fetchone()[0]
            )
            for table in tables
        }
    finally:
        copy.close()


def _archive_media(media_root: Path, target: Path) -> list[str]:
    """Write the media folder into `target` and return the files that went in."""
    archived = []
    with tarfile.open(target, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media", recursive=False)
            for path in sorted(media_root.rglob("*")):
                relative = str(path.relative_to(media_root))
                try:
                    archive.add(path, arcname=f"media/{relative}", recursive=False)
                except FileNotFoundError:  # deleted while we archive: not in the backup
                    continue
                if path.is_file():
                    archived.append(relative)
    return sorted(archived)


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
        dump = DUMP_PG
        counts = _pg_dump_with_counts(folder / dump)
    elif connection.vendor == "sqlite":
        dump = DUMP_SQLITE
        counts = _sqlite_copy_with_counts(folder / dump)
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise RuntimeError(f"No backup for {connection.vendor}.")
    media = _archive_media(Path(settings.MEDIA_ROOT), folder / MEDIA_TAR)
    manifest = {
        "created_at": datetime.now(tz=UTC).isoformat(),
        "database": connection.vendor,
        "tables": counts,
        "media": media,
        "checksums": {name: _sha256(folder / name) for name in (dump, MEDIA_TAR)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return folder


def backup_verify(folder: Path) -> dict[str, Any]:
    """Check a backup folder without changing anything; return its manifest.

    Raises RuntimeError, naming the file, when the manifest, the dump or the media archive is
    missing, damaged or incomplete. `backup_restore` calls it before it replaces anything.
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RuntimeError(f"{MANIFEST} is missing or damaged: {error}") from error
    if not isinstance(manifest, dict) or not {"database", "tables", "media"} <= manifest.keys():
        raise RuntimeError(f"{MANIFEST} is damaged: it lacks the database, tables or media.")
    if manifest["database"] != connection.vendor:
        raise RuntimeError(
            f"This backup is of a {manifest['database']} database, not {connection.vendor}."
        )
    dump = DUMP_PG if connection.vendor == "postgresql" else DUMP_SQLITE
    for name in (dump, MEDIA_TAR):
        if not (folder / name).is_file():
            raise RuntimeError(f"{name} is missing from the backup.")
        expected = manifest.get("checksums", {}).get(name)
        if expected is not None and _sha256(folder / name) != expected:
            raise RuntimeError(
                f"{name} is damaged or incomplete: its checksum differs from the manifest."
            )
    # Also without checksums (backups of older versions): the files must be readable.
    if connection.vendor == "postgresql":
        listed = subprocess.run(  # noqa: S603
            [shutil.which("pg_restore") or "/usr/bin/pg_restore", "--list", str(folder / dump)],
            capture_output=True,
            text=True,
            check=False,
        )
        if listed.returncode != 0:
            raise RuntimeError(f"{dump} cannot be read: {listed.stderr.strip()}")
    else:
        try:
            copy = sqlite3.connect(f"{(folder / dump).resolve().as_uri()}?mode=ro", uri=True)
            try:
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        except sqlite3.DatabaseError as error:
            result = str(error)
        if result != "ok":
            raise RuntimeError(f"{dump} cannot be read: {result}")
    try:
        with tarfile.open(folder / MEDIA_TAR, "r:gz") as archive:
            files = sorted(
                m.name[len("media/") :]
                for m in archive.getmembers()
                if m.isfile() and m.name.startswith("media/")
            )
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        raise RuntimeError(f"{MEDIA_TAR} is damaged or incomplete: {error}") from error
    if files != manifest["media"]:
        raise RuntimeError(f"{MEDIA_TAR} does not hold the files the manifest lists.")
    return manifest


def backup_restore(folder: Path) -> dict[str, Any]:
    """Replace the database and the media folder with the backup in `folder`.

    Verifies the whole backup first (`backup_verify`): a damaged or incomplete backup changes
    nothing. Returns the backup's manifest after checking that the restored row counts and
    media files match it (raises RuntimeError otherwise).
    """
    folder = Path(folder)
    manifest = backup_verify(folder)
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
