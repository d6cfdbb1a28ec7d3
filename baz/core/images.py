"""Images carry alt text: one rule for every model and form that stores an image."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALT_TEXT_REQUIRED = _("Beschrijf wat er op de afbeelding staat, voor wie ze niet ziet.")


def require_alt_text(*, image: object, alt: str | None, alt_field: str) -> None:
    """Raise a ValidationError on `alt_field` when there is an image without alt text.

    `image` is the image, its id or an upload: anything true means there is one. Models call
    it from `clean()`; forms pass the error on with `add_error(None, error)`.
    """
    if image and not (alt or "").strip():
        raise ValidationError({alt_field: ALT_TEXT_REQUIRED})
