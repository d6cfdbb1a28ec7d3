"""Forms of the phase *vorming*: sessions, attendance, materials and the evaluation form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from baz.accounts.models import User
from baz.coaching.models import TrainingSession, Trajectory
from baz.coaching.services.sessions import (
    EVALUATION_FORM_SALT,
    ParticipantInput,
)
from baz.core.forms import HumanCheckMixin

_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def municipality_users(trajectory: Trajectory) -> list[User]:
    return list(
        User.objects.filter(is_active=True, memberships__municipality_id=trajectory.municipality_id)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def _user_label(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class SessionForm(forms.Form):
    topic = forms.CharField(label=_("Onderwerp"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Begint om"), widget=_DateTimeInput(), input_formats=_DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt om"), widget=_DateTimeInput(), input_formats=_DATETIME_FORMATS
    )
    location = forms.CharField(
        label=_("Plaats"), max_length=250, required=False, help_text=_("Adres en zaal.")
    )
    online_url = forms.URLField(
        label=_("Link voor online deelname"), required=False, assume_scheme="https"
    )
    trainer = forms.CharField(label=_("Trainer"), max_length=150)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    members = forms.MultipleChoiceField(
        label=_("Deelnemers van de gemeente"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De mensen met een account voor deze gemeente."),
    )
    others = forms.CharField(
        label=_("Andere deelnemers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén per regel: naam, e-mailadres. Bijvoorbeeld: Sara Claes, sara@example.org"),
    )

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = {str(u.pk): u for u in municipality_users(trajectory)}
        field: Any = self.fields["members"]
        field.choices = [(pk, _user_label(u)) for pk, u in self.users.items()]

    @classmethod
    def initial_for(cls, session: TrainingSession, users: dict[str, User]) -> dict[str, Any]:
        by_email = {u.email.lower(): pk for pk, u in users.items()}
        members, others = [], []
        for participant in session.participants.all():
            if participant.email in by_email:
                members.append(by_email[participant.email])
            else:
                others.append(f"{participant.name}, {participant.email}")
        initial = {name: getattr(session, name) for name in _SESSION_FIELDS}
        initial.update(members=members, others="\n".join(others))
        return initial

    def clean_others(self) -> list[ParticipantInput]:
        people = []
        for number, line in enumerate(self.cleaned_data["others"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, _comma, email = line.rpartition(",")
            if not _comma:
                name, email = "", line
            email = email.strip().strip("<>")
            try:
                validate_email(email)
            except ValidationError as error:
                raise ValidationError(
                    _("Regel %(n)s heeft geen geldig e-mailadres: %(line)s")
                    % {"n": number, "line": line}
                ) from error
            people.append(ParticipantInput(name=name.strip(), email=email))
        return people

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("location") and not cleaned.get("online_url"):
            raise ValidationError(_("Vul een plaats of een link voor online deelname in."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return cleaned

    def participants(self) -> list[ParticipantInput]:
        chosen = [self.users[pk] for pk in self.cleaned_data.get("members", [])]
        people = [
            ParticipantInput(name=u.get_full_name() or u.email, email=u.email, user_id=u.pk)
            for u in chosen
        ]
        return people + list(self.cleaned_data.get("others", []))

    def session_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in _SESSION_FIELDS}


_SESSION_FIELDS = (
    "topic",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "trainer",
    "description",
)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Wie was er?"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, session: TrainingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["present"]
        field.choices = [(str(p.pk), f"{p.name} ({p.email})") for p in session.participants.all()]


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument of een afbeelding (PNG, JPG, GIF, WebP)."
        ),
    )
    session = forms.ModelChoiceField(
        label=_("Bij vormingsmoment (niet verplicht)"),
        queryset=TrainingSession.objects.none(),
        required=False,
        empty_label=_("Bij het hele traject"),
    )

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["session"]
        field.queryset = TrainingSession.objects.filter(trajectory=trajectory)


class EvaluationForm(HumanCheckMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Hoeveel punten geef je dit vormingsmoment? (1 = slecht, 5 = heel goed)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een score van 1 tot 5.")},
    )
    useful = forms.CharField(
        label=_("Wat was nuttig?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improve = forms.CharField(
        label=_("Wat kan beter?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf geen namen: je antwoord wordt anoniem gedeeld."),
    )
    # Spam guards (HumanCheckMixin), with the texts every public form uses. No upper age: the
    # link in the follow-up mail may be opened days later and the form left open.
    human_check_salt = EVALUATION_FORM_SALT
    min_fill_seconds_setting = "COACHING_EVALUATION_MIN_FILL_SECONDS"
    max_fill_seconds = 10**9

    def refresh_token(self) -> None:
        self.refresh_started()
