"""Forms of the account pages. They only collect input: the rules live in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtailautocomplete.widgets import Autocomplete

from baz.accounts.models import GROUP_COACH, GROUP_GEMEENTE, GROUP_REDACTIE, Role
from baz.core.models import Municipality


class EmailAuthenticationForm(AuthenticationForm):
    """The first step of the login: e-mail address and password."""

    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord passen niet bij elkaar. Let op hoofdletters in je "
            "wachtwoord en probeer opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Vraag hulp aan de redactie van BAZ."),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label=_("E-mailadres"),
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        )
        self.fields["password"].label = _("Wachtwoord")


class NameFieldsMixin(forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class InvitationAcceptForm(NameFieldsMixin):
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_("Minstens 12 tekens. Kies iets wat niet makkelijk te raden is."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Herhaal je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self) -> str:
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2", "")
        if password1 and password1 != password2:
            raise forms.ValidationError(_("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw."))
        return password2


class ProfileForm(NameFieldsMixin):
    pass


class ColleagueInvitationForm(forms.Form):
    """A municipality beheerder invites a colleague for their own municipality."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Role.choices,
        initial=Role.MEDEWERKER,
        widget=forms.RadioSelect,
        help_text=_("Een beheerder kan zelf ook collega's uitnodigen."),
    )


class AdminInvitationForm(ColleagueInvitationForm):
    """Redactie invites staff or municipality users from the Wagtail admin."""

    group = forms.ChoiceField(
        label=_("Groep"),
        choices=[
            (GROUP_GEMEENTE, _("Gemeente (lokaal bestuur)")),
            (GROUP_COACH, _("Coach")),
            (GROUP_REDACTIE, _("Redactie")),
        ],
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Alleen voor de groep Gemeente. Typ een paar letters van de naam."),
        # A type-ahead chooser, as in the other admin forms: no list of 565 municipalities.
        widget=Autocomplete(target_model=Municipality, is_single=False),
    )

    field_order = ["first_name", "last_name", "email", "group", "municipalities", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].required = False
        self.fields["role"].help_text = _("Alleen voor de groep Gemeente.")
