"""Demo content of the learning module: `/leren/` and a short screencast with real captions.

The demo video (25 seconds, as WebM/VP8 and as MP4/H.264), its WebVTT captions and a slides
PDF are generated here, into MEDIA_ROOT, with Pillow, the ffmpeg binary of the `imageio-ffmpeg`
wheel and reportlab: no binary is committed and `make run` needs only Python. Idempotent: what
exists is left alone; a file that went missing from storage is generated again.

`imageio-ffmpeg` (a large wheel) is a demo-only dependency in `requirements-demo.txt`, not in
production's `requirements.txt`. Without it the screencast page is skipped with a printed note
and everything else is still loaded; a later run with it installed adds the screencast.
"""

from __future__ import annotations

import sys
import tempfile
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Locale

VIDEO_NAME = "leren/video/demo-screencast.webm"
VIDEO_MP4_NAME = "leren/video/demo-screencast.mp4"
CAPTIONS_NAME = "leren/ondertitels/demo-screencast.vtt"
SLIDES_TITLE = "Dia's bij de screencast over burgerinitiatieven"
WIDTH, HEIGHT, FPS = 640, 360, 12
DURATION = 25

VIDEO_ENCODER_MISSING = (
    "The demo video needs imageio-ffmpeg, a demo-only dependency: install it with "
    "`pip install -r requirements-demo.txt -c constraints.txt` (`make demo` does)."
)
VIDEO_SKIPPED_NOTE = (
    "Leren: de demo-screencast is overgeslagen, want imageio-ffmpeg is niet geïnstalleerd. "
    "Installeer het met `pip install -r requirements-demo.txt -c constraints.txt` "
    "(of `make demo`) en laad de demo-inhoud opnieuw.\n"
)


class DemoVideoUnavailable(RuntimeError):
    """The demo video cannot be encoded: imageio-ffmpeg (requirements-demo.txt) is missing."""


# (start second, slide title, slide lines) — also the chapters of the demo screencast.
SLIDES = [
    (0, "Inleiding", ["De rol van lokale besturen", "bij burgerinitiatieven"]),
    (5, "Wat zijn burgerinitiatieven?", ["Burgers organiseren zelf", "zorg en steun voor anderen"]),
    (10, "Welke wil je ondersteunen?", ["Kies bewust", "en zeg waarom"]),
    (15, "Op welke manier?", ["Aanspreekpunt, ruimte, subsidie,", "verbinden, erkenning …"]),
    (20, "Wat heeft de gemeente nodig?", ["Tijd, kennis, budget,", "een mandaat en partners"]),
]

# (start, end, text) in seconds: Dutch captions that match what the slides say.
CUES = [
    (0.0, 2.5, "Welkom bij deze korte screencast van BurgersAanZet."),
    (2.5, 5.0, "We kijken naar de rol van jouw gemeente bij burgerinitiatieven."),
    (5.0, 7.5, "Een burgerinitiatief is een groep burgers die zelf zorg of steun organiseert."),
    (7.5, 10.0, "Denk aan een buurtcafé, een boodschappendienst of een praatgroep."),
    (10.0, 12.5, "Niet elk initiatief vraagt steun van de gemeente."),
    (12.5, 15.0, "Kies samen welke initiatieven jullie willen ondersteunen, en zeg waarom."),
    (15.0, 17.5, "Steun kan veel vormen aannemen: een aanspreekpunt, een lokaal of wat subsidie."),
    (17.5, 20.0, "Ook initiatieven met elkaar verbinden en hun werk erkennen, helpt."),
    (20.0, 22.5, "Wat heeft de gemeente daarvoor nodig? Tijd, kennis, budget en een mandaat."),
    (22.5, 25.0, "Beantwoord de vier vragen met je team in het reflectie-instrument."),
]

TRANSCRIPT_INTRO = (
    "Deze screencast duurt 25 seconden. Er is geen gesproken tekst naast de ondertitels: "
    "dit is de volledige tekst."
)


def _timestamp(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"


def captions_vtt() -> str:
    lines = ["WEBVTT", "Language: nl", ""]
    for number, (start, end, text) in enumerate(CUES, start=1):
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", text, ""]
    return "\n".join(lines)


def transcript_html() -> str:
    paragraphs = [TRANSCRIPT_INTRO, *(text for _start, _end, text in CUES)]
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _frame(second: float):
    from PIL import Image, ImageDraw, ImageFont

    _start, title, lines = next(s for s in reversed(SLIDES) if s[0] <= second)
    image = Image.new("RGB", (WIDTH, HEIGHT), (0, 88, 92))
    draw = ImageDraw.Draw(image)
    big = ImageFont.load_default(size=34)
    small = ImageFont.load_default(size=24)
    draw.text((40, 40), "BurgersAanZet · Leren", font=small, fill=(255, 191, 71))
    draw.text((40, 110), title, font=big, fill=(255, 255, 255))
    for index, line in enumerate(lines):
        draw.text((40, 175 + index * 36), line, font=small, fill=(255, 255, 255))
    # A progress bar and a clock, so seeking is visible.
    draw.rectangle((40, 310, 40 + int((WIDTH - 80) * second / DURATION), 318), fill=(255, 191, 71))
    clock = f"{int(second) // 60}:{int(second) % 60:02d}"
    draw.text((WIDTH - 110, 40), clock, font=small, fill=(255, 255, 255))
    return image


def _encode(suffix: str, **options) -> bytes:
    """The slides as a 25-second video, encoded with the ffmpeg of imageio-ffmpeg.

    Raises DemoVideoUnavailable when imageio-ffmpeg is not installed.
    """
    try:
        import imageio_ffmpeg
    except ModuleNotFoundError as error:
        if error.name != "imageio_ffmpeg":
            raise
        raise DemoVideoUnavailable(VIDEO_ENCODER_MISSING) from error

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"demo{suffix}"
        writer = imageio_ffmpeg.write_frames(
            str(path), (WIDTH, HEIGHT), fps=FPS, macro_block_size=8, **options
        )
        writer.send(None)
        previous_key, previous_frame = None, b""
        for index in range(DURATION * FPS):
            second = index / FPS
            key = (int(second), int((WIDTH - 80) * second / DURATION))
            if key != previous_key:
                previous_frame = _frame(second).tobytes()
                previous_key = key
            writer.send(previous_frame)
        writer.close()
        return path.read_bytes()


def demo_video_bytes() -> bytes:
    """The demo video as WebM (VP8)."""
    return _encode(
        ".webm",
        codec="libvpx",
        bitrate="250k",
        output_params=["-deadline", "realtime", "-cpu-used", "8", "-g", str(FPS)],
    )


def demo_video_mp4_bytes() -> bytes:
    """The demo video as MP4 with H.264 in 4:2:0 (what every phone plays), its index at the
    start of the file (`+faststart`) so playback begins before the whole file is loaded."""
    return _encode(
        ".mp4",
        codec="libx264",
        pix_fmt_out="yuv420p",
        output_params=[
            "-preset",
            "veryfast",
            "-profile:v",
            "main",
            "-movflags",
            "+faststart",
            "-g",
            str(FPS),
        ],
    )


def slides_pdf_bytes() -> bytes:
    from reportlab.lib.colors import HexColor, white
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(SLIDES_TITLE)
    pdf.setAuthor("BurgersAanZet")
    for _start, title, lines in SLIDES:
        pdf.setFillColor(HexColor("#00585c"))
        pdf.rect(0, 0, width, height, fill=1, stroke=0)
        pdf.setFillColor(HexColor("#ffbf47"))
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(60, height - 80, "BurgersAanZet · Leren")
        pdf.setFillColor(white)
        pdf.setFont("Helvetica-Bold", 40)
        pdf.drawString(60, height - 180, title)
        pdf.setFont("Helvetica", 28)
        for index, line in enumerate(lines):
            pdf.drawString(60, height - 250 - index * 42, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _ensure_file(field, name: str, make) -> bool:
    """Give a FileField its demo file, generating it only when storage lacks it.

    True when the field changed. A file already in storage (from an earlier run) is reused.
    """
    storage = field.storage
    if not storage.exists(name):
        name = storage.save(name, ContentFile(make()))
    if field.name == name:
        return False
    field.name = name
    return True


def _slides_document():
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a flushed test database lacks it
        Collection.add_root(name="Root")
    document = Document.objects.filter(title=SLIDES_TITLE).first()
    if document is None:
        document = Document(title=SLIDES_TITLE)
        document.file.save(
            "dias-screencast-burgerinitiatieven.pdf", ContentFile(slides_pdf_bytes())
        )
        document.save()
    elif not document.file.storage.exists(document.file.name):
        document.file.save(document.file.name.rsplit("/", 1)[-1], ContentFile(slides_pdf_bytes()))
    return document


LEARNING_INTRO = (
    "Bekijk de screencast. Die gaat over wat je gemeente kan doen voor burgerinitiatieven. "
    "Denk daarna met je team na over vier vragen."
)


def learning_index_ensure():
    """`/leren/` under the home page, created when missing: (page or None, created)."""
    from baz.core.models import HomePage
    from baz.learning.models import LearningIndexPage

    home = HomePage.objects.first()
    if home is None:
        return None, False
    index = LearningIndexPage.objects.first()
    if index is not None:
        return index, False
    index = LearningIndexPage(
        title="Leren",
        slug="leren",
        intro=LEARNING_INTRO,
        show_in_menus=False,
        locale=Locale.objects.get(language_code="nl-be"),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


@transaction.atomic
def load_demo_data(stdout=None) -> list[str]:
    """Create `/leren/` and the demo screencast if they are missing; return what was created.

    Without imageio-ffmpeg a missing video cannot be made: the screencast is then skipped (or,
    when it exists, left without a new video) with a note on `stdout`, and the rest is loaded.
    """
    from baz.learning.models import ScreencastPage

    created: list[str] = []
    index, made = learning_index_ensure()
    if index is None:
        return created
    if made:
        created.append(index.title)
    locale = index.locale

    screencast = (
        ScreencastPage.objects.child_of(index).filter(slug="rol-van-lokale-besturen").first()
    )
    out = stdout if stdout is not None else sys.stdout
    if screencast is None:
        screencast = _screencast_create(index, locale, out)
        if screencast is not None:
            created.append(screencast.title)
    else:
        try:
            changed = _ensure_file(screencast.video_file, VIDEO_NAME, demo_video_bytes)
            # A screencast made before the MP4 existed gets it too.
            changed |= _ensure_file(screencast.video_file_mp4, VIDEO_MP4_NAME, demo_video_mp4_bytes)
        except DemoVideoUnavailable:
            out.write(VIDEO_SKIPPED_NOTE)
            changed = False
        changed |= _ensure_file(
            screencast.captions_file, CAPTIONS_NAME, lambda: captions_vtt().encode()
        )
        _slides_document()
        if changed:
            screencast.save(update_fields=["video_file", "video_file_mp4", "captions_file"])
    if _workspace_reflection_ensure():
        created.append("reflectie in de werkplek van Gent")
    return created


def _screencast_create(index, locale, out):
    """The published demo screencast under `index`; None (and a note) without a video encoder.

    A screencast cannot go live without a video, so nothing is saved when the video is missing
    from storage and imageio-ffmpeg is not installed to make it.
    """
    from baz.learning.models import ScreencastChapter, ScreencastMaterial, ScreencastPage

    screencast = ScreencastPage(
        title="De rol van lokale besturen bij burgerinitiatieven",
        slug="rol-van-lokale-besturen",
        intro=(
            "Een korte screencast voor beleidsmedewerkers en schepenen: wat zijn "
            "burgerinitiatieven, en hoe kan jouw gemeente ze van onderuit ondersteunen?"
        ),
        duration_seconds=DURATION,
        transcript=transcript_html(),
        locale=locale,
    )
    try:
        _ensure_file(screencast.video_file, VIDEO_NAME, demo_video_bytes)
        _ensure_file(screencast.video_file_mp4, VIDEO_MP4_NAME, demo_video_mp4_bytes)
    except DemoVideoUnavailable:
        out.write(VIDEO_SKIPPED_NOTE)
        return None
    _ensure_file(screencast.captions_file, CAPTIONS_NAME, lambda: captions_vtt().encode())
    for start, title, _lines in SLIDES:
        screencast.chapters.add(
            ScreencastChapter(title=title, timestamp=f"{start // 60}:{start % 60:02d}")
        )
    screencast.materials.add(
        ScreencastMaterial(document=_slides_document(), title="Dia's van de screencast")
    )
    index.add_child(instance=screencast)
    screencast.save_revision().publish()
    return screencast


def _workspace_reflection_ensure() -> bool:
    """A finished reflection in the workspace of the demo beheerder's municipality."""
    from baz.accounts.models import Membership
    from baz.learning import services
    from baz.learning.models import Reflection

    membership = (
        Membership.objects.select_related("user", "municipality")
        .filter(user__email="beheerder.gent@example.org")
        .first()
    )
    if membership is None:
        return False
    municipality, user = membership.municipality, membership.user
    if Reflection.objects.in_workspace().filter(municipality=municipality).exists():
        return False
    reflection = services.reflection_start(user=user, municipality=municipality).reflection
    services.reflection_save_initiatives(
        reflection=reflection,
        municipality=municipality,
        atlas_entries=[],
        own=["Buurtsoep De Pollepel", "Repair Café Ledeberg"],
        comment="We kennen vooral initiatieven in de wijken waar we al werken.",
        user=user,
    )
    services.reflection_save_support_choices(
        reflection=reflection,
        chosen={"Buurtsoep De Pollepel": "Buren koken samen voor wie alleen is."},
        themes="Eenzaamheid bij ouderen.",
        user=user,
    )
    services.reflection_save_support_forms(
        reflection=reflection,
        now=["aanspreekpunt", "ruimte"],
        wanted=["subsidie", "verbinden"],
        note="Lokalen zijn schaars.",
        user=user,
    )
    services.reflection_save_needs(
        reflection=reflection,
        needs={"budget": ("Een klein werkingsbudget voor buurtinitiatieven.", "hoog")},
        user=user,
    )
    return True
