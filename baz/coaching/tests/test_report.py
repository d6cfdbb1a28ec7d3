"""The final report: a printable page and a PDF with analysis, sessions, evaluations, agreements."""

import io
from datetime import date

from pypdf import PdfReader

from baz.coaching.models import AgreementParty, SessionEvaluation
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement


def _with_content(trajectory, session):
    make_agreement(
        trajectory,
        title="Een vast aanspreekpunt voor burgerinitiatieven",
        deadline=date(2027, 3, 1),
    )
    make_agreement(
        trajectory,
        title="Twee intervisies met de beleidsmedewerkers",
        party=AgreementParty.BAZ,
        owner_name="Koen Maes",
        status="bezig",
    )
    SessionEvaluation.objects.create(
        session=session, rating=4, useful="De voorbeelden", improve="Meer pauzes"
    )


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_analysis_sessions_and_agreements(
    client, member_a, trajectory_a, held_session
):
    _with_content(trajectory_a, held_session)
    client.force_login(member_a)

    response = client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="verslag-coaching-gent.pdf"' in response["Content-Disposition"]
    text = " ".join(_pdf_text(response.content).split())
    assert "Burgerinitiatieven ondersteunen in Gent" in text
    assert "de drempel naar de stad is hoog" in text
    assert "burgerinitiatief" in text
    assert "Wat zijn burgerinitiatieven?" in text
    assert "2 aanwezigen op 3 uitgenodigden" in text
    assert "1 evaluatie, gemiddelde score 4,0 op 5" in text, "a Dutch decimal comma"
    assert "Een vast aanspreekpunt voor burgerinitiatieven" in text
    assert "Twee intervisies met de beleidsmedewerkers" in text
    assert "BurgersAanZet: Koen Maes" in text
    assert "1 maart 2027" in text
    assert "Sara Claes" not in text, "no participant names in the report"


def test_the_printable_page_has_the_same_content_and_print_css(
    client, member_a, trajectory_a, held_session
):
    _with_content(trajectory_a, held_session)
    client.force_login(member_a)

    response = client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "coaching/css/phases.css" in html
    assert "Een vast aanspreekpunt voor burgerinitiatieven" in html
    assert "2 / 3" in html
    assert "Meer pauzes" in html
    assert "gemiddeld 4,0 op 5" in html
    assert "4.0" not in html
    assert "<script>" not in html


def test_another_municipality_gets_404_and_anonymous_the_login(client, member_b, trajectory_a):
    for url in (
        f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf",
        f"/mijn/coaching/{trajectory_a.pk}/verslag/",
    ):
        client.logout()
        assert client.get(url).status_code == 302
        client.force_login(member_b)
        assert client.get(url).status_code == 404
    assert client.get("/mijn/coaching/999999/verslag/").status_code == 404


def test_coaches_see_the_report_in_the_admin(
    client, login_verified, coach, trajectory_a, held_session
):
    _with_content(trajectory_a, held_session)
    login_verified(client, coach)

    response = client.get(f"/beheer/coaching/trajecten/{trajectory_a.pk}/verslag/")

    assert response.status_code == 200
    assert "Twee intervisies met de beleidsmedewerkers" in response.content.decode()
