"""Forms of a trajectory: the public request, the coaches' forms in the admin and the
municipality's forms in its workspace.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from baz.accounts.models import User
from baz.coaching.models import NoteKind, NoteVisibility, Phase
from baz.coaching.selectors.trajectories import coach_users
from baz.coaching.services.trajectories import REQUEST_FORM_MAX_AGE_SECONDS, REQUEST_FORM_SALT
from baz.contact.forms import municipality_from_text
from baz.core.forms import HumanCheckMixin
from baz.core.models import Municipality


class CoachingRequestForm(HumanCheckMixin, forms.Form):
    municipality = forms.CharField(
        label=_("Voor welke gemeente vraag je coaching aan?"),
        help_text=_("Typ de naam of de postcode, bv. Gent of 9000."),
        max_length=120,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-municipality-lookup": "/gemeenten/zoeken/"}
        ),
        error_messages={"required": _("Vul de naam of de postcode van je gemeente in.")},
    )
    name = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vul je naam in.")},
    )
    role = forms.CharField(
        label=_("Je functie"),
        help_text=_("Bijvoorbeeld: beleidsmedewerker welzijn, schepen van sociale zaken."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": _("Vul je functie in.")},
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bv. naam@voorbeeld.be."),
        },
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer (niet verplicht)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    motivation = forms.CharField(
        label=_("Waarom wil je een coachingtraject?"),
        help_text=_("Wat wil je gemeente bereiken? Wat loopt er al?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Vertel kort waarom je coaching wilt.")},
    )
    map_consent = forms.BooleanField(
        label=_(
            "We willen graag op de publieke kaart 'Waar is BAZ actief' staan zodra het "
            "traject start."
        ),
        help_text=_(
            "We tonen alleen de naam van je gemeente en of het traject loopt of klaar is. "
            "We vragen de toestemming nog na bij de gemeente."
        ),
        required=False,
    )
    reflection_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Spam guards (HumanCheckMixin): a field people never see (bots fill it in) and when the
    # form was shown, with the texts every public form uses.
    human_check_salt = REQUEST_FORM_SALT
    min_fill_seconds_setting = "CONTACT_MIN_FILL_SECONDS"
    max_fill_seconds = REQUEST_FORM_MAX_AGE_SECONDS

    def refresh_token(self) -> None:
        """A form shown again gets a new start time, so the person is not blocked twice."""
        self.refresh_started()

    def clean_municipality(self) -> Municipality:
        municipality = municipality_from_text(self.cleaned_data["municipality"])
        if municipality is None:
            raise ValidationError(
                _("We vinden deze gemeente niet. Kies een gemeente uit de lijst.")
            )
        return municipality


class TransitionForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Set by the confirmation page: close the trajectory although items are still open.
    confirm_open = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CoachesForm(forms.Form):
    coaches = forms.ModelMultipleChoiceField(
        label=_("Coaches"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["coaches"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u in coach_users()]).order_by(
            "first_name", "email"
        )
        field.label_from_instance = lambda user: user.get_full_name() or user.email


class PhasePlanForm(forms.Form):
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices, widget=forms.HiddenInput)
    plan = forms.CharField(
        label=_("Plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Einde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notities (de gemeente ziet ze)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf een notitie.")},
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=NoteKind.choices)
    phase = forms.ChoiceField(
        label=_("Fase"), choices=[("", _("Geen fase")), *Phase.choices], required=False
    )
    visibility = forms.ChoiceField(
        label=_("Zichtbaar voor"),
        choices=NoteVisibility.choices,
        initial=NoteVisibility.COACHES,
        widget=forms.RadioSelect,
    )


class AnalysisForm(forms.Form):
    analysis_summary = forms.CharField(
        label=_("Sterktes en noden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("De gemeente ziet deze samenvatting."),
    )


class MapConsentForm(forms.Form):
    """A coach records (or withdraws) the municipality's consent, and how it was given."""

    map_consent = forms.BooleanField(
        label=_("De gemeente geeft toestemming voor de kaart 'Waar is BAZ actief'"),
        required=False,
    )
    how = forms.CharField(
        label=_("Hoe gaf de gemeente toestemming?"),
        help_text=_("Bijvoorbeeld: e-mail van de schepen op 3 maart. Verplicht bij toestemming."),
        max_length=500,
        required=False,
    )


class WorkspaceMapConsentForm(forms.Form):
    """A beheerder of the municipality gives or withdraws its consent in /mijn/."""

    map_consent = forms.BooleanField(
        label=_("Onze gemeente mag op de publieke kaart 'Waar is BAZ actief' staan"),
        help_text=_("We tonen alleen de naam van de gemeente en of het traject loopt of klaar is."),
        required=False,
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Je bericht"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf een bericht.")},
    )
