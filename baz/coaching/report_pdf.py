"""The final report of a trajectory as a PDF, made with reportlab (pure Python).

Shaped as a chapter a municipality can lift into its local social policy plan: a short
introduction, the analysis, the training, and the agreements as a table.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from baz.coaching.selectors.agreements import Report

PRIMARY = colors.HexColor("#00585c")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], textColor=PRIMARY, alignment=0),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], textColor=PRIMARY),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], textColor=PRIMARY),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontSize=10.5, leading=14),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontSize=9, leading=11),
        "muted": ParagraphStyle(
            "muted", parent=base["BodyText"], textColor=colors.HexColor("#4a4a4a")
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _date(value: Any) -> str:
    return date_format(value, "j F Y") if value else "—"


def _decimal(value: Any) -> str:
    """A score as Belgians write it: one decimal after a comma (4,0)."""
    return number_format(value, decimal_pos=1, use_l10n=True) if value is not None else "—"


ZEBRA = colors.HexColor("#f2f2f2")


def _table(rows: list[list[Any]], widths: list[float], *, number_columns: int = 0) -> Table:
    """A table with a coloured header row, alternating row colours and padding; the last
    `number_columns` columns are aligned right."""
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#767676")),
        ("BOX", (0, 0), (-1, -1), 0.5, PRIMARY),
    ]
    if number_columns:
        style.append(("ALIGN", (-number_columns, 0), (-1, -1), "RIGHT"))
    table.setStyle(style)
    return table


def trajectory_report_pdf(report: Report) -> bytes:
    styles = _styles()
    trajectory = report.trajectory
    place = trajectory.municipality.name_nl
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=f"Burgerinitiatieven ondersteunen in {place}: verslag van het coachingtraject",
        author="BurgersAanZet",
        lang="nl-BE",
    )

    def cell(text: Any) -> Paragraph:
        return _p(text, styles["cell"])

    def bullets(items: list[str]) -> ListFlowable:
        return ListFlowable(
            [_p(item, styles["body"]) for item in items], bulletType="bullet", leftIndent=12
        )

    story: list[Any] = [
        _p(f"Burgerinitiatieven ondersteunen in {place}", styles["title"]),
        _p(
            "Verslag van het coachingtraject met BurgersAanZet, opgemaakt op "
            + date_format(timezone.localdate(), "j F Y")
            + ". Dit hoofdstuk kan zo in het lokaal sociaal beleidsplan.",
            styles["muted"],
        ),
        _p("1. Waar staan we? (analyse)", styles["h2"]),
        _p(trajectory.analysis_summary or "Nog geen samenvatting van de analyse.", styles["body"]),
    ]
    if report.inventory_counts:
        taken = trajectory.inventory_taken_at
        story.append(
            _p(
                "Inventaris van de atlas Inspireer elkaar"
                + (f" op {_date(timezone.localtime(taken).date())}" if taken else ""),
                styles["h3"],
            )
        )
        for label, rows in report.inventory_counts:
            story.append(_p(label, styles["body"]))
            story.append(
                _table(
                    [["Wat", "Aantal"]] + [[cell(k), str(v)] for k, v in rows],
                    [12 * cm, 3 * cm],
                    number_columns=1,
                )
            )
            story.append(Spacer(1, 6))

    story.append(_p("2. Vorming van de beleidsmedewerkers", styles["h2"]))
    if report.sessions_held:
        story.append(
            _p(
                f"{len(report.sessions_held)} vormingsmomenten, "
                f"{report.attended_total} aanwezigen op {report.participants_total} uitgenodigden.",
                styles["body"],
            )
        )
        rows: list[list[Any]] = [["Datum", "Onderwerp", "Trainer", "Aanwezig"]]
        for session in report.sessions_held:
            rows.append(
                [
                    _date(timezone.localtime(session.starts_at).date()),
                    cell(session.topic),
                    cell(session.trainer),
                    f"{getattr(session, 'attended_count', 0)} / "
                    f"{getattr(session, 'invited_count', 0)}",
                ]
            )
        story.append(_table(rows, [3 * cm, 7 * cm, 4 * cm, 3 * cm], number_columns=1))
    else:
        story.append(_p("Er vonden nog geen vormingsmomenten plaats.", styles["body"]))
    evaluation = report.evaluation
    story.append(_p("Wat de deelnemers ervan vonden", styles["h3"]))
    if evaluation.count:
        story.append(
            _p(
                f"{evaluation.count} {'evaluatie' if evaluation.count == 1 else 'evaluaties'}, "
                f"gemiddelde score {_decimal(evaluation.average)} op 5.",
                styles["body"],
            )
        )
        if evaluation.useful:
            story += [_p("Wat was nuttig:", styles["body"]), bullets(evaluation.useful)]
        if evaluation.improve:
            story += [_p("Wat kan beter:", styles["body"]), bullets(evaluation.improve)]
    else:
        story.append(_p("Nog geen evaluaties.", styles["body"]))

    story.append(_p("3. Conclusies en afspraken", styles["h2"]))
    if report.agreements:
        rows = [["Afspraak", "Wie", "Deadline", "Status"]]
        for agreement in report.agreements:
            what = agreement.title
            if agreement.description:
                what += "\n" + agreement.description
            rows.append(
                [
                    cell(what),
                    cell(f"{agreement.get_party_display()}: {agreement.owner_name}"),
                    _date(agreement.deadline),
                    cell(agreement.get_status_display()),
                ]
            )
        story.append(_table(rows, [8 * cm, 4 * cm, 2.6 * cm, 2.4 * cm]))
    else:
        story.append(_p("Nog geen afspraken.", styles["body"]))

    doc.build(story)
    return buffer.getvalue()
