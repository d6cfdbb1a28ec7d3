"""The filter form of `/verhalen/`: a GET form, so every filter state is a shareable URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from baz.atlas.models import Theme, Werkvorm
from baz.contact.models import PartnerOrganisation
from baz.core.models import Municipality


class StoryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[
            ("", _("Verhalen en praktijkvoorbeelden")),
            ("verhaal", _("Alleen verhalen")),
            ("praktijkvoorbeeld", _("Alleen praktijkvoorbeelden")),
        ],
    )
    theme = forms.MultipleChoiceField(
        label=_("Thema"), required=False, widget=forms.CheckboxSelectMultiple
    )
    werkvorm = forms.MultipleChoiceField(
        label=_("Werkvorm"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipality = forms.ChoiceField(label=_("Gemeente"), required=False)
    partner = forms.ChoiceField(label=_("Partnerorganisatie"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = list(Theme.objects.values_list("slug", "name"))
        self.fields["werkvorm"].choices = list(Werkvorm.objects.values_list("slug", "name"))
        # Only municipalities and partners that have a story: a choice that always gives
        # "0 resultaten" only wastes the visitor's time.
        municipalities = (
            Municipality.objects.filter(stories__live=True)
            .distinct()
            .order_by("name_nl")
            .values_list("refnis", "name_nl")
        )
        self.fields["municipality"].choices = [("", _("Alle gemeenten")), *municipalities]
        self.fields["partner"].choices = [("", _("Alle partners"))] + [
            (str(pk), name)
            for pk, name in PartnerOrganisation.objects.filter(stories__live=True)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        ]
