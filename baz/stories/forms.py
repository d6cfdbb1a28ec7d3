"""The filter form of `/verhalen/`: a GET form, so every filter state is a shareable URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from baz.atlas.models import Theme, Werkvorm
from baz.atlas.public_forms import CHOOSE_ONE_OR_MORE, QuickCheckboxes
from baz.contact.models import PartnerOrganisation
from baz.core.models import Municipality


class StoryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wil je lezen?"),
        required=False,
        choices=[
            ("", _("Alles")),
            ("verhaal", _("Alleen verhalen")),
            ("praktijkvoorbeeld", _("Alleen praktijkvoorbeelden")),
        ],
    )
    theme = forms.MultipleChoiceField(
        label=_("Thema"), help_text=CHOOSE_ONE_OR_MORE, required=False, widget=QuickCheckboxes
    )
    werkvorm = forms.MultipleChoiceField(
        label=_("Werkvorm"), help_text=CHOOSE_ONE_OR_MORE, required=False, widget=QuickCheckboxes
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente"),
        help_text=_("Je ziet alleen gemeenten met een verhaal."),
        required=False,
    )
    partner = forms.ChoiceField(
        label=_("Partner"),
        help_text=_("Je ziet alleen partners met een verhaal."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = list(Theme.objects.values_list("slug", "name"))
        werkvormen = list(Werkvorm.objects.values_list("slug", "name", "description"))
        self.fields["werkvorm"].choices = [(slug, name) for slug, name, _hint in werkvormen]
        self.fields["werkvorm"].widget.hints = {slug: hint for slug, _name, hint in werkvormen}
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
