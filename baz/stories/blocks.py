"""StreamField blocks of stories and good practices.

Every block that shows an image or a video carries what a person needs who cannot see or hear
it: alt text for images and a full transcript for videos, both required.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from baz.core.models import RICH_TEXT_FEATURES, CallToActionBlock

# Only players that the site's Content-Security-Policy allows in frames (settings.frame-src),
# and only their privacy-friendly embed addresses.
VIDEO_PREFIXES = ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt = blocks.CharBlock(
        label=_("beschrijving van de afbeelding (alt-tekst)"),
        max_length=250,
        help_text=_("Wat staat er op de afbeelding? Voor wie ze niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("afbeelding")
        template = "stories/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"), max_length=600)
    attribution = blocks.CharBlock(
        label=_("wie zegt dit?"),
        max_length=150,
        help_text=_("Naam en rol, bv. 'Mieke, vrijwilliger bij het buurtcafé'."),
    )

    class Meta:
        icon = "openquote"
        label = _("citaat")
        template = "stories/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("link van de speler"),
        help_text=_(
            "Een link die begint met https://www.youtube-nocookie.com/embed/ of "
            "https://player.vimeo.com/video/"
        ),
    )
    title = blocks.CharBlock(label=_("titel van de video"), max_length=150)
    transcript = blocks.TextBlock(
        label=_("volledige tekst (transcript)"),
        help_text=_("Verplicht: alles wat er gezegd en getoond wordt, voor wie niet kan kijken."),
    )

    class Meta:
        icon = "media"
        label = _("video")
        template = "stories/blocks/video.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if not str(cleaned.get("url", "")).startswith(VIDEO_PREFIXES):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Gebruik een link van YouTube zonder cookies of van Vimeo.")
                    )
                }
            )
        return cleaned


class LessonsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120, default=_("Wat we leerden"))
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("les"), max_length=300), label=_("lessen"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = _("wat we leerden")
        template = "stories/blocks/lessons.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("stap"), max_length=150)
    text = blocks.TextBlock(label=_("uitleg"), required=False, max_length=800)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120, default=_("Zo pak je het aan"))
    steps = blocks.ListBlock(StepBlock(), label=_("stappen"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("zo pak je het aan")
        template = "stories/blocks/steps.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES)
    heading = blocks.CharBlock(
        label=_("tussentitel"), max_length=120, template="core/blocks/heading.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()


class GoodPracticeBodyBlock(StoryBodyBlock):
    lessons = LessonsBlock()
    steps = StepsBlock()
