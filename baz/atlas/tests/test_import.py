"""Bulk import (/mijn/fiches/importeren/, `manage.py atlas_import`): the odd files offices make,
what the person sees for each, who may import where, and that nothing is written before the
confirmation.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from baz.accounts.models import Role
from baz.accounts.tests.factories import UserFactory, member
from baz.atlas.import_file import ImportFileError
from baz.atlas.models import Entry, EntryEvent, EntryEventKind, EntryStatus, ImportUpload
from baz.atlas.services.imports import (
    DUPLICATE,
    ERROR,
    NEW,
    UPDATE,
    PreviewChanged,
    import_confirm,
    import_preview,
    import_upload_store,
)
from baz.atlas.tests.factories import ThemeFactory
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.core.models import PostalCode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]

HEADER = "Naam;Soort;Korte omschrijving;Postcode;Telefoon;E-mailadres;Gestart in;Thema's"


def _csv(*rows: str, header: str = HEADER, encoding: str = "cp1252", bom: bool = False) -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def _xlsx(rows: list[list[object]], *, merge: str | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def beheerder_a(atlas_gemeente_a):
    return member(atlas_gemeente_a, Role.BEHEERDER, email="beheerder.gent@example.org")


@pytest.fixture
def beheerder_b(atlas_gemeente_b):
    return member(atlas_gemeente_b, Role.BEHEERDER, email="beheerder.leuven@example.org")


def _preview(user, municipality, content, name="fiches.csv"):
    upload = import_upload_store(
        user=user, municipality=municipality, file_name=name, content=content
    )
    return upload, import_preview(upload=upload)


# --- Files as offices make them -------------------------------------------------------------


def test_a_semicolon_csv_in_cp1252_reads_accents_and_stays_unwritten(atlas_gemeente_a, beheerder_a):
    content = _csv("Café Samen;burgerinitiatief;Koffie en een babbel voor iedereen.;9000;;;;")

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    assert [(row.number, row.name, row.fate) for row in preview.rows] == [(2, "Café Samen", NEW)]
    assert not Entry.objects.exists()  # the preview writes nothing


def test_a_comma_csv_in_utf8_with_bom_is_read(atlas_gemeente_a, beheerder_a):
    content = _csv(
        "Buurtmoestuin Ledeberg,organisatie,Samen groenten kweken.,,,,,",
        header=HEADER.replace(";", ","),
        encoding="utf-8",
        bom=True,
    )

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    assert preview.rows[0].name == "Buurtmoestuin Ledeberg"
    assert preview.rows[0].data["kind"] == "organisatie"


def test_an_xlsx_with_a_merged_title_row_dates_numbers_and_formulas(atlas_gemeente_a, beheerder_a):
    from datetime import date

    content = _xlsx(
        [
            ["Initiatieven Gent 2026", None, None, None, None, None],
            ["Naam", "Korte omschrijving", "Postcode", "Telefoon", "Gestart in", "Beschrijving"],
            [],
            ["Soepbus", "Soep voor wie alleen is.", 9000, 91234567, date(2019, 3, 1), "=1+1"],
            [None, None, None, None, None, None],
            ["Fietsatelier", "Samen fietsen herstellen.", 9000.0, None, 2021, None],
        ],
        merge="A1:F1",
    )

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content, name="lijst.xlsx")

    assert [(row.number, row.name) for row in preview.rows] == [(4, "Soepbus"), (6, "Fietsatelier")]
    soepbus = preview.rows[0]
    assert soepbus.fate == NEW
    assert soepbus.data["postal_code"] == "9000"  # an Excel number, without ".0"
    assert soepbus.data["contact_phone"] == "091234567"  # the 0 Excel dropped comes back
    assert soepbus.data["start_year"] == 2019  # from an Excel date
    # A formula is never evaluated: openpyxl gives its cached value, which a file saved by a
    # program that does not calculate has none of.
    assert "2" not in soepbus.data["description"]


def test_errors_name_the_row_the_column_and_what_to_do(atlas_gemeente_a, beheerder_a):
    ThemeFactory(name="Eenzaamheid in de buurt", slug="eenzaamheid-in-de-buurt")
    content = _csv(
        ";burgerinitiatief;Zonder naam.;;;;;",
        "Praatcafé;vereniging;Babbelen.;;;geen-adres;vorig jaar;Eenzaamheid in de buurt, Sport",
    )

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    no_name, wrong = preview.rows
    assert no_name.fate == ERROR
    assert no_name.number == 2
    assert any("Kolom 'Naam'" in error for error in no_name.errors)
    assert wrong.fate == ERROR
    assert wrong.number == 3
    text = " ".join(wrong.errors)
    assert "Kolom 'Soort': schrijf 'burgerinitiatief' of 'organisatie'" in text
    assert "Kolom 'E-mailadres'" in text
    assert "Kolom 'Gestart in': schrijf een jaartal" in text
    assert "'Sport' kennen we niet. Kies uit:" in text
    assert "'Eenzaamheid in de buurt' kennen we niet" not in text


def test_the_same_name_twice_in_a_file_is_an_error_on_the_second_row(atlas_gemeente_a, beheerder_a):
    content = _csv("Soepbus;;Soep.;;;;;", "soepbus;;Nog eens.;;;;;")

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    assert preview.rows[1].fate == ERROR
    assert "Deze naam staat ook in rij 2" in preview.rows[1].errors[0]


# --- Refused files: a clear message and nothing stored ---------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "geen CSV- of Excel-bestand"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen CSV- of Excel-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "oud Excel-bestand (.xls)"),
        (b"Voornaam;Achternaam\r\nAn;Peeters\r\n", "We vinden de kolommen"),
    ],
    ids=["pdf-named-csv", "png-named-xlsx", "old-xls", "without-required-columns"],
)
def test_a_file_that_is_no_usable_spreadsheet_is_refused(
    atlas_gemeente_a, beheerder_a, content, message
):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        import_upload_store(
            user=beheerder_a,
            municipality=atlas_gemeente_a,
            file_name="fiches.xlsx",
            content=content,
        )
    assert not ImportUpload.objects.exists()


def test_a_zip_that_is_no_workbook_is_refused(atlas_gemeente_a, beheerder_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")

    with pytest.raises(ImportFileError, match="geen CSV- of Excel-bestand"):
        import_upload_store(
            user=beheerder_a,
            municipality=atlas_gemeente_a,
            file_name="fiches.xlsx",
            content=buffer.getvalue(),
        )


def test_a_zip_bomb_dressed_as_xlsx_is_refused_before_unpacking(
    atlas_gemeente_a, beheerder_a, settings
):
    settings.ATLAS_IMPORT_MAX_BYTES = 50_000  # unpacked at most 1 MB
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 5_000_000)
    assert len(buffer.getvalue()) < 50_000

    with pytest.raises(ImportFileError, match="uitgepakt te groot"):
        import_upload_store(
            user=beheerder_a,
            municipality=atlas_gemeente_a,
            file_name="fiches.xlsx",
            content=buffer.getvalue(),
        )


def test_a_file_over_the_size_limit_is_refused(atlas_gemeente_a, beheerder_a, settings):
    settings.ATLAS_IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="te groot"):
        import_upload_store(
            user=beheerder_a,
            municipality=atlas_gemeente_a,
            file_name="fiches.csv",
            content=_csv(*["Soepbus;;Soep.;;;;;"] * 10),
        )


def test_more_rows_than_the_limit_are_refused(atlas_gemeente_a, beheerder_a, settings):
    settings.ATLAS_IMPORT_MAX_ROWS = 3
    rows = [f"Initiatief {n};;Omschrijving.;;;;;" for n in range(4)]
    with pytest.raises(ImportFileError, match="meer dan 3 rijen"):
        import_upload_store(
            user=beheerder_a,
            municipality=atlas_gemeente_a,
            file_name="fiches.csv",
            content=_csv(*rows),
        )


# --- Duplicates and the confirmation -------------------------------------------------------


def test_same_and_similar_names_in_the_municipality_are_found(
    atlas_gemeente_a, atlas_gemeente_b, beheerder_a
):
    same = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True, name="Repair Café")
    similar = ContributeEntryFactory(
        municipality=atlas_gemeente_a, published=True, name="Buurtsoep Sint-Amandsberg"
    )
    ContributeEntryFactory(municipality=atlas_gemeente_b, published=True, name="Kledingbank")
    content = _csv(
        "repair cafe;;Herstellen.;;;;;",
        "Buurtsoep Sint Amandsberg vzw;;Soep.;;;;;",
        "Kledingbank;;Kleren.;;;;;",  # the same name in another municipality is no match
    )

    _upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    assert [(row.fate, row.match_id) for row in preview.rows] == [
        (UPDATE, same.pk),
        (DUPLICATE, similar.pk),
        (NEW, None),
    ]


def test_confirming_writes_every_row_with_hidden_contact_and_its_history(
    atlas_gemeente_a, beheerder_a, client
):
    existing = ContributeEntryFactory(
        municipality=atlas_gemeente_a, published=True, name="Repair Café", summary="Oud."
    )
    similar = ContributeEntryFactory(
        municipality=atlas_gemeente_a, published=True, name="Buurtsoep Sint-Amandsberg"
    )
    content = _csv(
        "Soepbus;;Soep voor wie alleen is.;9000;0470 12 34 56;an@example.org;2019;",
        "Repair Café;;Samen herstellen.;;;;;",
        "Buurtsoep Sint Amandsberg vzw;;Soep.;;;;;",
        ";;Zonder naam.;;;;;",
    )
    upload, preview = _preview(beheerder_a, atlas_gemeente_a, content)

    result = import_confirm(
        upload=upload, user=beheerder_a, choices={"4": "overslaan"}, digest=preview.digest
    )

    assert result["skipped"] == 1
    assert result["errors"] == 1
    assert result["updated"] == [existing.pk]
    existing.refresh_from_db()
    assert existing.summary == "Samen herstellen."
    assert Entry.objects.get(pk=similar.pk).name == "Buurtsoep Sint-Amandsberg"
    new = Entry.objects.get(pk=result["created"][0])
    assert new.status == EntryStatus.PUBLISHED
    assert new.live
    assert new.owner == beheerder_a
    assert (new.contact_email, new.contact_phone) == ("an@example.org", "0470 12 34 56")
    assert not (new.show_contact_name)
    assert not (new.show_contact_phone)
    assert not (new.show_contact_email)
    # The postal code's position (the session's reference data may hold the real one).
    postal_code = PostalCode.objects.get(code="9000", municipality=atlas_gemeente_a)
    assert new.latitude == postal_code.latitude
    event = EntryEvent.objects.get(entry=new)
    assert event.kind == EntryEventKind.IMPORTED
    assert event.user == beheerder_a
    assert upload.sha256 in event.message
    assert "fiches.csv" in event.message
    assert EntryEvent.objects.filter(entry=existing, kind=EntryEventKind.UPDATED_BY_IMPORT).exists()
    upload.refresh_from_db()
    assert bytes(upload.content) == b""  # the file is forgotten, its name and hash stay
    # Hidden contact details are on no public page.
    page = client.get(new.get_absolute_url())
    assert page.status_code == 200
    assert "an@example.org" not in page.text
    assert "an@example.org" not in client.get("/api/v1/initiatives.csv").text
    # Site search finds the new entry at once, without rebuilding the index.
    assert new.get_absolute_url() in client.get("/zoeken/", {"q": "Soepbus"}).text


def test_a_preview_that_no_longer_matches_the_atlas_writes_nothing(atlas_gemeente_a, beheerder_a):
    upload, preview = _preview(beheerder_a, atlas_gemeente_a, _csv("Soepbus;;Soep.;;;;;"))
    ContributeEntryFactory(municipality=atlas_gemeente_a, published=True, name="Soepbus")

    with pytest.raises(PreviewChanged):
        import_confirm(upload=upload, user=beheerder_a, choices={}, digest=preview.digest)

    assert Entry.objects.count() == 1
    assert ImportUpload.objects.get(pk=upload.pk).imported_at is None


def test_a_stored_file_that_changed_is_not_imported(atlas_gemeente_a, beheerder_a):
    upload, preview = _preview(beheerder_a, atlas_gemeente_a, _csv("Soepbus;;Soep.;;;;;"))
    ImportUpload.objects.filter(pk=upload.pk).update(content=_csv("Iets anders;;Ander.;;;;;"))

    with pytest.raises(PreviewChanged):
        import_confirm(upload=upload, user=beheerder_a, choices={}, digest=preview.digest)
    assert not Entry.objects.exists()


# --- Who may import where -----------------------------------------------------------------


def test_a_beheerder_cannot_import_into_another_municipality(
    atlas_gemeente_a, beheerder_b, atlas_member_a
):
    for user in (beheerder_b, atlas_member_a):
        with pytest.raises(PermissionDenied):
            import_upload_store(
                user=user,
                municipality=atlas_gemeente_a,
                file_name="f.csv",
                content=_csv("Soepbus;;Soep.;;;;;"),
            )
    assert not ImportUpload.objects.exists()


def test_an_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/mijn/fiches/importeren/")
    assert response.status_code == 302
    assert "/aanmelden/" in response["Location"]


def test_a_medewerker_without_the_right_gets_403(client, atlas_member_a):
    client.force_login(atlas_member_a)
    assert client.get("/mijn/fiches/importeren/").status_code == 403


def test_a_beheerder_cannot_post_into_another_municipality(client, atlas_gemeente_a, beheerder_b):
    client.force_login(beheerder_b)
    upload = io.BytesIO(_csv("Soepbus;;Soep.;;;;;"))
    upload.name = "fiches.csv"

    response = client.post(
        "/mijn/fiches/importeren/", {"municipality": atlas_gemeente_a.pk, "file": upload}
    )

    assert response.status_code == 400
    assert not ImportUpload.objects.exists()


def test_someone_elses_upload_is_not_found(client, atlas_gemeente_a, beheerder_a):
    upload, _ = _preview(beheerder_a, atlas_gemeente_a, _csv("Soepbus;;Soep.;;;;;"))
    other = member(atlas_gemeente_a, Role.BEHEERDER, email="collega@example.org")
    client.force_login(other)

    assert client.get(f"/mijn/fiches/importeren/{upload.key}/").status_code == 404
    assert client.post(f"/mijn/fiches/importeren/{upload.key}/", {}).status_code == 404
    assert not Entry.objects.exists()


def test_the_web_flow_upload_preview_choose_confirm(client, atlas_gemeente_a, beheerder_a):
    existing = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True, name="Soepbus")
    client.force_login(beheerder_a)
    start = client.get("/mijn/fiches/importeren/")
    assert "Download het sjabloon" in start.text
    assert "Korte omschrijving" in start.text
    upload = io.BytesIO(_csv("Soepbus;;Nieuwe tekst.;;;;;", "Fietsatelier;;Fietsen.;;;;;"))
    upload.name = "fiches.csv"

    response = client.post(
        "/mijn/fiches/importeren/", {"municipality": atlas_gemeente_a.pk, "file": upload}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Bestaat al als 'Soepbus'" in preview.text
    assert "Nieuwe fiche" in preview.text
    assert not Entry.objects.filter(name="Fietsatelier").exists()
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.text).group(1)

    done = client.post(response["Location"], {"digest": digest, "rij-2": "overslaan"}, follow=True)

    assert "De import is klaar" in done.text
    created = Entry.objects.get(name="Fietsatelier")
    assert created.get_absolute_url() in done.text
    existing.refresh_from_db()
    assert existing.summary != "Nieuwe tekst."
    # A second confirmation (a double click) writes nothing more.
    client.post(response["Location"], {"digest": digest})
    assert Entry.objects.filter(name="Fietsatelier").count() == 1


def test_a_refused_file_shows_its_message_next_to_the_field(client, atlas_gemeente_a, beheerder_a):
    client.force_login(beheerder_a)
    upload = io.BytesIO(b"%PDF-1.4 \x00")
    upload.name = "fiches.csv"

    response = client.post(
        "/mijn/fiches/importeren/", {"municipality": atlas_gemeente_a.pk, "file": upload}
    )

    assert response.status_code == 400
    assert "Dit bestand is geen CSV- of Excel-bestand" in response.text


def test_the_template_is_a_semicolon_csv_with_bom_and_one_example_row(client, beheerder_a):
    client.force_login(beheerder_a)
    response = client.get("/mijn/fiches/importeren/sjabloon.csv")

    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Naam;Soort;Korte omschrijving;")


def test_redactie_may_import_into_any_municipality(atlas_gemeente_b):
    redactie = UserFactory(email="redactie@example.org", groups=["Redactie"])
    _upload, preview = _preview(redactie, atlas_gemeente_b, _csv("Soepbus;;Soep.;;;;;"))
    assert preview.rows[0].fate == NEW


def test_the_entry_history_in_the_admin_names_the_file_its_hash_and_who_imported(
    atlas_gemeente_a, beheerder_a, client, login_verified
):
    beheerder_a.first_name, beheerder_a.last_name = "Sara", "Claes"
    beheerder_a.save()
    upload, preview = _preview(beheerder_a, atlas_gemeente_a, _csv("Soepbus;;Soep.;;;;;"))
    result = import_confirm(upload=upload, user=beheerder_a, choices={}, digest=preview.digest)
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))

    history = client.get(f"/beheer/snippets/atlas/entry/history/{result['created'][0]}/")

    assert history.status_code == 200
    text = re.sub(r"\s+", " ", html.unescape(history.content.decode()))
    assert f"Geïmporteerd uit het bestand 'fiches.csv' (SHA-256 {upload.sha256})" in text
    assert "Sara Claes" in text


def test_redactie_finds_the_import_in_the_admin_menu_and_a_coach_does_not(client, login_verified):
    redactie = UserFactory(email="redactie@example.org", groups=["Redactie"])
    coach = UserFactory(email="coach@example.org", groups=["Coach"])
    login_verified(client, redactie)
    assert "/mijn/fiches/importeren/" in client.get("/beheer/").content.decode()

    client.logout()
    login_verified(client, coach)
    assert "/mijn/fiches/importeren/" not in client.get("/beheer/").content.decode()


# --- The command --------------------------------------------------------------------------


def test_the_command_dry_run_prints_the_preview_and_writes_nothing(atlas_gemeente_a, tmp_path):
    path = tmp_path / "fiches.csv"
    path.write_bytes(_csv("Soepbus;;Soep.;;;;;", ";;Zonder naam.;;;;;"))
    out = io.StringIO()

    call_command("atlas_import", str(path), municipality="44021", dry_run=True, stdout=out)

    assert "rij 2: nieuw · Soepbus" in out.getvalue()
    assert "rij 3: fout" in out.getvalue()
    assert "Kolom 'Naam'" in out.getvalue()
    assert "[proefdraai]" in out.getvalue()
    assert not Entry.objects.exists()
    assert not ImportUpload.objects.exists()


def test_the_command_imports_new_rows(atlas_gemeente_a, tmp_path):
    path = tmp_path / "fiches.csv"
    path.write_bytes(_csv("Soepbus;;Soep.;;;;;"))
    out = io.StringIO()

    call_command("atlas_import", str(path), municipality="44021", stdout=out)

    entry = Entry.objects.get(name="Soepbus")
    assert entry.owner is None
    assert "fiches.csv" in entry.events.get().message
    assert "1 nieuwe fiches" in out.getvalue()


def test_the_command_refuses_a_bad_file(atlas_gemeente_a, tmp_path):
    path = tmp_path / "fiches.csv"
    path.write_bytes(b"%PDF-1.4\x00")
    with pytest.raises(CommandError, match="geen CSV- of Excel-bestand"):
        call_command("atlas_import", str(path), municipality="44021")
