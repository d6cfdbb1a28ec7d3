"""Form rendering, service errors on forms, and the shared bot checks of public forms."""

from __future__ import annotations

import time
from typing import Any, Literal

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class FormRenderer(DjangoTemplates):
    """Every form field renders through the accessible field component."""

    field_template_name = "core/components/field.html"


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, field: str | None = None
) -> None:
    """Show a service's ValidationError on `form`: next to each field it names that the form
    has, the rest above the form. An error that names no field goes to `field` (above the
    form when None), e.g. the password validators' errors next to the password field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


def service_error_text(error: ValidationError) -> str:
    """A service's ValidationError as one sentence, for a message where there is no form."""
    return " ".join(str(message) for message in error.messages)


def human_check_token(*, salt: str, now: float | None = None) -> str:
    """A signed timestamp (whole seconds) of when a form was shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=salt)


def human_check_elapsed(*, token: str, salt: str, now: float | None = None) -> float | None:
    """Seconds since `token` was made, or None when it is missing, forged or malformed."""
    try:
        started = float(signing.loads(token or "", salt=salt))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (now if now is not None else time.time()) - started


class HumanCheckMixin:
    """Honeypot + minimum fill time for every public form without an account.

    Use it before `forms.Form` (or `forms.ModelForm`) in the bases::

        class ReflectionForm(HumanCheckMixin, forms.Form):
            human_check_salt = "baz.learning.reflection"
            min_fill_seconds_setting = "CONTACT_MIN_FILL_SECONDS"  # declared in settings.py
            honeypot_policy = too_fast_policy = "silent"  # or "error" (the default)

    It adds two fields: a honeypot text field (`honeypot_field`, default ``website``: render
    it hidden from people — CSS or the `hidden` attribute, `aria-hidden`, tabindex -1 is set —
    because only bots fill it in) and a hidden field (`started_field`, default ``started``)
    with a signed timestamp of when the form was shown. `clean()` then checks:

    - a missing, forged or older than `max_fill_seconds` timestamp: always a form error
      (`expired_message`), since a person can simply send again;
    - a filled honeypot (`honeypot_policy`), or a form sent faster than the minimum fill time
      (`too_fast_policy`; the setting named by `min_fill_seconds_setting`, by default
      `PUBLIC_FORM_MIN_FILL_SECONDS`; every such setting is declared in settings.py): with
      ``"error"`` a form error (`honeypot_message`, `too_fast_message`); with ``"silent"`` no
      error but `bot_detected = True`, so the view answers exactly as for a person and stores
      or sends nothing (the bot learns nothing). `honeypot_filled` can be read before `is_valid()`.

    After an error, call `refresh_started()` before showing the form again, so the person is
    not refused a second time for an old timestamp. The per-IP rate limit is not part of the
    form: views call `baz.core.ratelimit` (through their service) for that.
    """

    honeypot_field = "website"
    started_field = "started"
    human_check_salt = "baz.core.human-check"
    min_fill_seconds_setting = "PUBLIC_FORM_MIN_FILL_SECONDS"
    max_fill_seconds = 24 * 3600
    honeypot_policy: Literal["error", "silent"] = "error"
    too_fast_policy: Literal["error", "silent"] = "error"
    # One wording for every public form (forms do not override these).
    expired_message = _("Het formulier is verlopen. Verstuur het opnieuw.")
    too_fast_message = _(
        "Je verstuurde het formulier heel snel. Kijk het na en verstuur het opnieuw."
    )
    honeypot_message = _("Het formulier kon niet verstuurd worden. Probeer het opnieuw.")

    bot_detected = False

    # Provided by django.forms.BaseForm.
    fields: dict[str, forms.Field]
    data: Any
    initial: dict[str, Any]
    is_bound: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.fields[self.honeypot_field] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[self.started_field] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial[self.started_field] = self.human_check_token()

    @classmethod
    def human_check_token(cls, now: float | None = None) -> str:
        return human_check_token(salt=cls.human_check_salt, now=now)

    @property
    def min_fill_seconds(self) -> float:
        # Each form names its own setting, declared in settings.py like every other one.
        return float(getattr(settings, self.min_fill_seconds_setting))

    @property
    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(self.honeypot_field, "") or "").strip())

    def refresh_started(self) -> None:
        """A form shown again gets a new start time."""
        if self.is_bound:
            data = self.data.copy()
            data[self.started_field] = self.human_check_token()
            self.data = data

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        if self.honeypot_filled:
            if self.honeypot_policy == "silent":
                self.bot_detected = True
            else:
                raise forms.ValidationError(self.honeypot_message, code="honeypot")
        elapsed = human_check_elapsed(
            token=str(self.data.get(self.started_field, "") or ""), salt=self.human_check_salt
        )
        if elapsed is None or elapsed > self.max_fill_seconds:
            raise forms.ValidationError(self.expired_message, code="expired")
        if elapsed < self.min_fill_seconds:
            if self.too_fast_policy == "silent":
                self.bot_detected = True
            else:
                raise forms.ValidationError(self.too_fast_message, code="too_fast")
        return cleaned


# --- Rendering a blank public form once per process --------------------------------------

_STARTED_PLACEHOLDER = "__baz_form_started__"
_blank_form_html: dict[tuple[str, str, str], str] = {}


def human_check_form_html(form: Any, template_name: str) -> SafeString:
    """`template_name` rendered with `form` (a HumanCheckMixin form).

    A blank form renders the same for every visitor except its signed start time, so the
    markup is rendered once per process and language and the fresh start time filled in;
    rendering a form's fields through templates is the costliest part of a page otherwise.
    A bound form (errors, values) is always rendered afresh. Per process, not in the shared
    cache, so a deploy with changed fields or templates never sees old markup.
    """
    if form.is_bound:
        return render_to_string(template_name, {"form": form})
    token = str(form.initial.get(form.started_field, ""))
    key = (f"{type(form).__module__}.{type(form).__qualname__}", template_name, get_language())
    stored = _blank_form_html.get(key)
    if stored is None:
        rendered = render_to_string(template_name, {"form": form})
        stored = rendered.replace(token, _STARTED_PLACEHOLDER) if token else ""
        if stored.count(_STARTED_PLACEHOLDER) != 1:  # no token, or it appears elsewhere too
            return rendered
        _blank_form_html[key] = stored
    return mark_safe(stored.replace(_STARTED_PLACEHOLDER, token))  # noqa: S308 - our template
