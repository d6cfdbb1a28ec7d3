"""The reflection summary as a PDF, made with reportlab (pure Python, no system libraries)."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

PRIMARY = colors.HexColor("#00585c")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], textColor=PRIMARY, alignment=0),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], textColor=PRIMARY),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontSize=10.5, leading=14),
        "muted": ParagraphStyle(
            "muted", parent=base["BodyText"], textColor=colors.HexColor("#4a4a4a")
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def reflection_pdf(context: dict[str, Any]) -> bytes:
    """A one- or two-page PDF of a reflection's answers, tagged with a Dutch title."""
    styles = _styles()
    reflection = context["reflection"]
    questions = context["questions"]
    place = reflection.municipality.name_nl if reflection.municipality else ""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=f"Reflectie over burgerinitiatieven {place}".strip(),
        author="BurgersAanZet",
        lang="nl-BE",
    )
    story: list[Any] = [
        _p(f"Reflectie over burgerinitiatieven{' in ' + place if place else ''}", styles["title"]),
        _p(
            "Gemaakt met het reflectie-instrument van BurgersAanZet op "
            + date_format(timezone.localdate(), "j F Y")
            + ".",
            styles["muted"],
        ),
    ]

    def bullets(items: list[str]) -> ListFlowable:
        return ListFlowable(
            [_p(item, styles["body"]) for item in items], bulletType="bullet", leftIndent=12
        )

    story += [_p(f"1. {questions[0]}", styles["h2"])]
    names = context["initiative_names"]
    story.append(bullets(names) if names else _p("Nog niets ingevuld.", styles["body"]))
    if context["initiatives_comment"]:
        story.append(_p(f"Opmerkingen: {context['initiatives_comment']}", styles["body"]))

    story.append(_p(f"2. {questions[1]}", styles["h2"]))
    chosen = [f"{c['name']}: {c['motivation']}" for c in context["chosen"]]
    story.append(bullets(chosen) if chosen else _p("Geen initiatieven gekozen.", styles["body"]))
    if context["themes"]:
        story.append(_p(f"Thema's: {context['themes']}", styles["body"]))

    story.append(_p(f"3. {questions[2]}", styles["h2"]))
    rows = [["Vorm van ondersteuning", "Nu", "Gewenst"]] + [
        [str(label), "ja" if now else "", "ja" if wanted else ""]
        for label, now, wanted in context["support_rows"]
    ]
    table = Table(rows, colWidths=[9 * cm, 3 * cm, 3 * cm])
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, PRIMARY),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#767676")),
        ]
    )
    story.append(table)
    if context["support_note"]:
        story += [Spacer(1, 6), _p(f"Toelichting: {context['support_note']}", styles["body"])]

    story.append(_p(f"4. {questions[3]}", styles["h2"]))
    needs = [
        f"{label} (prioriteit {priority.lower()}): {text}"
        for label, text, priority in context["need_rows"]
    ]
    story.append(bullets(needs) if needs else _p("Nog niets ingevuld.", styles["body"]))

    doc.build(story)
    return buffer.getvalue()
