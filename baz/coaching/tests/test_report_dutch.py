"""The report and the coaching admin lists speak Dutch: no English keys, Dutch dates."""

import io
import re
from datetime import date, timedelta

from django.utils import timezone
from pypdf import PdfReader

from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement

ENGLISH = re.compile(r"\b(total|kinds|themes|werkvormen|taken_at|url)\b")


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_report_names_the_total_in_dutch_in_html_and_pdf(client, member_a, trajectory_a):
    client.force_login(member_a)

    html = client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag/").content.decode()
    pdf = _pdf_text(client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf").content)

    report_part = html[html.index('class="coaching-report"') :]
    for text in (report_part, pdf):
        assert "Fiches van de gemeente" in text
        assert not ENGLISH.search(text), ENGLISH.search(text)
    assert '<td class="is-number">12</td>' in html


def test_report_dates_are_written_out_in_dutch(client, member_a, trajectory_a, held_session):
    make_agreement(trajectory_a, title="Loket", deadline=date(2027, 1, 14))
    client.force_login(member_a)

    html = client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag/").content.decode()
    pdf = _pdf_text(client.get(f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf").content)

    assert "14 januari 2027" in html
    assert "14 januari 2027" in pdf
    assert "Jan 2027" not in html + pdf


def test_the_admin_lists_of_sessions_and_agreements_show_dutch_dates(
    client, login_verified, coach, trajectory_a
):
    make_agreement(
        trajectory_a,
        title="Loket",
        deadline=date(2027, 1, 14),
        follow_up_on=date(2027, 1, 4),
    )
    start = timezone.now() + timedelta(days=3)
    trajectory_a.sessions.create(
        topic="Vorming", starts_at=start, ends_at=start + timedelta(hours=1), trainer="Mira"
    )
    login_verified(client, coach)

    content = client.get(f"/beheer/coaching/trajecten/{trajectory_a.pk}/").content.decode()

    assert "14 januari 2027" in content
    assert "4 januari 2027" in content
    assert "Jan 2027" not in content
