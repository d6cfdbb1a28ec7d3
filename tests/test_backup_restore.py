"""`manage.py backup` and `manage.py restore`: back up, wipe, restore, compare (both databases).

Transactional (the dump is taken by another process on PostgreSQL), so it lives here, after
the app tests: the tables are flushed afterwards.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from baz.core.backups import media_files, table_counts
from baz.mail.models import OutboxMessage


def _seed(media_root: Path) -> None:
    for n in range(3):
        OutboxMessage.objects.create(
            to=[f"iemand{n}@example.org"],
            from_email="noreply@example.org",
            subject=f"Bericht {n}",
            body_text="Hallo",
        )
    (media_root / "original_images").mkdir(parents=True, exist_ok=True)
    (media_root / "original_images" / "soep.png").write_bytes(b"\x89PNG fake image bytes")
    (media_root / "leren" / "video").mkdir(parents=True, exist_ok=True)
    (media_root / "leren" / "video" / "film.webm").write_bytes(b"webm" * 1000)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_row_and_file(tmp_path, settings, capsys):
    media_root = Path(settings.MEDIA_ROOT)
    _seed(media_root)
    rows_before = table_counts()
    files_before = media_files()
    assert rows_before["mail_outboxmessage"] == 3

    call_command("backup", "--output", str(tmp_path / "backups"))
    folder = Path(capsys.readouterr().out.strip())
    assert (folder / "manifest.json").exists()
    assert (folder / "media.tar.gz").exists()

    # Disaster: rows and files gone, and something new that must not survive the restore.
    OutboxMessage.objects.all().delete()
    OutboxMessage.objects.create(
        to=["nieuw@example.org"], from_email="x@example.org", subject="Na", body_text="x"
    )
    shutil.rmtree(media_root)
    media_root.mkdir()
    (media_root / "rommel.txt").write_text("weg ermee")
    assert table_counts() != rows_before

    call_command("restore", str(folder), "--yes")

    assert table_counts() == rows_before
    assert media_files() == files_before
    assert (media_root / "leren" / "video" / "film.webm").read_bytes() == b"webm" * 1000
    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == [
        "Bericht 0",
        "Bericht 1",
        "Bericht 2",
    ]


@pytest.mark.django_db
def test_restore_refuses_a_folder_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path), "--yes")


@pytest.mark.django_db(transaction=True)
def test_writes_during_the_backup_do_not_break_its_own_check(
    tmp_path, settings, capsys, monkeypatch
):
    """Sessions, axes and the outbox write all the time. A row and a file that arrive after the
    database was copied (here: while the media are archived) are not in the backup, so they
    must not be in its manifest either, or `restore` fails its own check."""
    import tarfile

    media_root = Path(settings.MEDIA_ROOT)
    _seed(media_root)
    real_open = tarfile.open

    def someone_writes_meanwhile(name, mode="r", *args, **kwargs):
        if mode.startswith("w"):
            OutboxMessage.objects.create(
                to=["tussendoor@example.org"], from_email="x@e.org", subject="Nu", body_text="x"
            )
        return real_open(name, mode, *args, **kwargs)

    monkeypatch.setattr(tarfile, "open", someone_writes_meanwhile)
    call_command("backup", "--output", str(tmp_path / "backups"))
    monkeypatch.undo()
    folder = Path(capsys.readouterr().out.strip())

    call_command("restore", str(folder), "--yes")

    assert OutboxMessage.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_before_replacing_anything(tmp_path, settings, capsys):
    media_root = Path(settings.MEDIA_ROOT)
    _seed(media_root)
    call_command("backup", "--output", str(tmp_path / "backups"))
    folder = Path(capsys.readouterr().out.strip())
    OutboxMessage.objects.create(
        to=["nieuw@example.org"], from_email="x@example.org", subject="Na", body_text="x"
    )
    (media_root / "nieuw.txt").write_text("blijft")
    rows_before, files_before = table_counts(), media_files()
    dump = next(p for p in folder.iterdir() if p.name.startswith("database."))
    intact_dump = dump.read_bytes()

    dump.write_bytes(intact_dump[: len(intact_dump) // 2])  # an interrupted copy
    with pytest.raises(CommandError, match=re.escape(dump.name)):
        call_command("restore", str(folder), "--yes")
    assert (table_counts(), media_files()) == (rows_before, files_before)

    dump.write_bytes(intact_dump)
    archive = folder / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-200])
    with pytest.raises(CommandError, match=re.escape("media.tar.gz")):
        call_command("restore", str(folder), "--yes")
    assert (table_counts(), media_files()) == (rows_before, files_before)
