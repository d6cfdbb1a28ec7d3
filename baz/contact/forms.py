"""The contact form with its spam guards, and the forms of the inbox and account deletion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baz.accounts.models import STAFF_GROUPS, User
from baz.contact.models import MessageStatus, Topic
from baz.contact.services import CONTACT_FORM_MAX_AGE_SECONDS, CONTACT_FORM_SALT
from baz.core.forms import HumanCheckMixin
from baz.core.models import Municipality
from baz.core.selectors import municipality_get, municipality_search
from baz.core.text import normalize


def municipality_from_text(text: str) -> Municipality | None:
    """The municipality a person typed: a REFNIS code, a name, or a type-ahead label.

    The type-ahead fills in 'Gent · Oost-Vlaanderen'; without JavaScript a person types 'Gent'
    or a postal code. Only an unambiguous match counts.
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 5:
        return municipality_get(refnis=text)
    name = text.split(" · ")[0].strip()
    if name.endswith(")") and " (" in name:
        name = name.split(" (")[0]  # 'Gent (Gand)': the Dutch name is enough
    by_name = list(Municipality.objects.filter(name_nl__iexact=name)[:2])
    if len(by_name) == 1:
        return by_name[0]
    candidates = municipality_search(query=name, limit=10)
    wanted = normalize(name)
    exact = [m for m in candidates if wanted in (normalize(m.name_nl), normalize(m.display_name))]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    return None


class ContactForm(HumanCheckMixin, forms.Form):
    # Spam guards (HumanCheckMixin): a field people never see (bots fill it in) and when the
    # form was shown; both refuse with a message.
    honeypot_field = "website"
    human_check_salt = CONTACT_FORM_SALT
    min_fill_seconds_setting = "CONTACT_MIN_FILL_SECONDS"
    max_fill_seconds = CONTACT_FORM_MAX_AGE_SECONDS

    topic = forms.ChoiceField(
        label=_("Waarover gaat je vraag?"),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een onderwerp.")},
    )
    municipality = forms.CharField(
        label=_("Over welke gemeente gaat het? (niet verplicht)"),
        help_text=_("Typ de naam of de postcode, bv. Gent of 9000."),
        required=False,
        max_length=120,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-municipality-lookup": "/gemeenten/zoeken/"}
        ),
    )
    name = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vul je naam in.")},
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen ons antwoord naar dit adres."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bv. naam@voorbeeld.be."),
        },
    )
    body = forms.CharField(
        label=_("Je bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf je vraag of bericht.")},
    )
    consent = forms.BooleanField(
        label=_("Ik geef toestemming om mijn gegevens te bewaren om mijn vraag te beantwoorden."),
        help_text=_("Lees wat we bewaren en hoe lang in onze privacyverklaring."),
        error_messages={
            "required": _("Geef toestemming, anders kunnen we je bericht niet bewaren.")
        },
    )

    def refresh_token(self) -> None:
        """A form shown again gets a new start time, so the person is not blocked twice."""
        self.refresh_started()

    def clean_municipality(self) -> Municipality | None:
        text = self.cleaned_data["municipality"]
        municipality = municipality_from_text(text)
        if text.strip() and municipality is None:
            raise ValidationError(
                _(
                    "We vinden deze gemeente niet. "
                    "Kies een gemeente uit de lijst of laat het veld leeg."
                )
            )
        return municipality


class MessageUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MessageStatus.choices)
    assignee = forms.ModelChoiceField(
        label=_("Behandeld door"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niemand"),
    )
    internal_notes = forms.CharField(
        label=_("Interne notities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen zichtbaar voor BAZ-medewerkers."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["assignee"]
        field.queryset = (
            User.objects.filter(is_active=True)
            .filter(Q(groups__name__in=STAFF_GROUPS) | Q(is_superuser=True))
            .distinct()
            .order_by("first_name", "email")
        )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Je antwoord"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf een antwoord.")},
    )


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for proof that it is really the person: their password and,
    for anyone with a confirmed second factor (BAZ staff), a current code or a backup code.

    A session left open on a shared computer is then not enough to delete someone's account.
    """

    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in.")},
    )
    otp_token = forms.CharField(
        label=_("Code van je tweede stap"),
        help_text=_("De code uit je authenticator-app, of een van je reservecodes."),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": _("Vul de code van je tweede stap in.")},
    )
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account en mijn gegevens. Dit kan niet ongedaan worden."),
        error_messages={"required": _("Vink aan dat je je account echt wilt verwijderen.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        from django_otp import user_has_device

        self.user = user
        super().__init__(*args, **kwargs)
        self.needs_second_factor = user_has_device(user, confirmed=True)
        if not self.needs_second_factor:
            del self.fields["otp_token"]

    def clean(self) -> dict[str, Any]:
        from django_otp import match_token

        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password is None:
            return cleaned
        if not self.user.check_password(password):
            self.add_error("password", _("Dit wachtwoord klopt niet."))
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        # Checked only after the password, so a wrong password never uses up a backup code.
        if self.needs_second_factor and token and match_token(self.user, token) is None:
            self.add_error(
                "otp_token",
                _("Deze code klopt niet of is verlopen. Probeer de nieuwe code uit je app."),
            )
        return cleaned
