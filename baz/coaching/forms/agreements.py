"""Forms of the phase *conclusies en afspraken*: an agreement (coaches) and its status
(the municipality, in its workspace).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from baz.coaching.models import Agreement, AgreementStatus


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "description",
            "party",
            "owner_name",
            "owner_email",
            "deadline",
            "follow_up_on",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "deadline": _DateInput(),
            "follow_up_on": _DateInput(),
        }
        help_texts = {
            "owner_email": _(
                "Herinneringen gaan naar dit adres. Leeg: naar de gebruikers van de gemeente "
                "of naar de coaches van het traject."
            ),
        }


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
