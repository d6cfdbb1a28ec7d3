"""Forms a visitor fills in on the public atlas pages (no account needed).

The filter form only renders the filter panel; validation is the shared filter contract in
`selectors.atlas_filters_parse`. The relay and correction forms carry the shared bot traps of
`baz.core.forms.HumanCheckMixin`: a honeypot field and a signed start time.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from baz.atlas.models import EntryKind, TargetGroup, Theme, Werkvorm
from baz.atlas.selectors.filters import SORTS
from baz.core.forms import HumanCheckMixin
from baz.core.models import Province

SORT_LABELS = {
    "relevance": _("Best passend"),
    "newest": _("Nieuwste eerst"),
    "name": _("Naam (A-Z)"),
    "distance": _("Dichtst bij de postcode"),
}


# The help of a group of checkboxes: a visitor may tick more than one.
CHOOSE_ONE_OR_MORE = _("Kies er één of meer.")


class _QuickSelect(forms.Select):
    """A select rendered in Python: the same HTML as Django's templates, without rendering a
    template per option (the filter panel has some fifty options on every atlas page)."""

    def render(self, name, value, attrs=None, renderer=None):  # type: ignore[no-untyped-def]
        selected = set(self.format_value(value))
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes rendered in Python, with the markup of Django's own templates.

    `hints` maps a choice's value to a short explanation, shown in its label under the name
    (the werkvormen are jargon: each gets its one-line meaning)."""

    hints: dict[str, str] = {}

    def render(self, name, value, attrs=None, renderer=None):  # type: ignore[no-untyped-def]
        checked = set(self.format_value(value))
        final = self.build_attrs(self.attrs, attrs)
        wrapper_id = final.pop("id", "")
        items = []
        for index, (key, label) in enumerate(self.choices):
            option_attrs = {**final, "id": f"{wrapper_id}_{index}"} if wrapper_id else final
            hint = self.hints.get(str(key))
            items.append(
                format_html(
                    '<div><label{}><input type="checkbox" name="{}" value="{}"{}{}> {}{}</label>'
                    "</div>",
                    flatatt({"for": option_attrs["id"]}) if wrapper_id else "",
                    name,
                    key,
                    flatatt(option_attrs),
                    mark_safe(" checked") if str(key) in checked else "",
                    label,
                    format_html(' <small class="choice__hint">{}</small>', hint) if hint else "",
                )
            )
        return format_html(
            "<div{}>{}</div>",
            flatatt({"id": wrapper_id}) if wrapper_id else "",
            mark_safe("".join(items)),  # noqa: S308 - each item is built by format_html
        )


class AtlasFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op woord"), required=False, max_length=200, widget=forms.SearchInput
    )
    kind = forms.ChoiceField(label=_("Soort"), required=False, widget=_QuickSelect)
    province = forms.ChoiceField(label=_("Provincie"), required=False, widget=_QuickSelect)
    municipality = forms.CharField(
        label=_("Gemeente"),
        required=False,
        max_length=100,
        help_text=_("Typ de naam of de postcode van de gemeente."),
    )
    theme = forms.MultipleChoiceField(
        label=_("Thema"), help_text=CHOOSE_ONE_OR_MORE, required=False, widget=QuickCheckboxes
    )
    werkvorm = forms.MultipleChoiceField(
        label=_("Werkvorm"), help_text=CHOOSE_ONE_OR_MORE, required=False, widget=QuickCheckboxes
    )
    target_group = forms.MultipleChoiceField(
        label=_("Voor wie?"), help_text=CHOOSE_ONE_OR_MORE, required=False, widget=QuickCheckboxes
    )
    baz_active = forms.BooleanField(label=_("Alleen gemeenten waar BAZ actief is"), required=False)
    near = forms.CharField(
        label=_("In de buurt van postcode"),
        required=False,
        max_length=4,
        help_text=_("Vier cijfers, bv. 9000. De dichtste staan dan eerst."),
    )
    sort = forms.ChoiceField(label=_("Sorteer"), required=False, widget=_QuickSelect)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Alle soorten")), *EntryKind.choices]
        self.fields["province"].choices = [("", _("Alle provincies"))] + [
            (p.slug, p.short_name) for p in Province.objects.order_by("name_nl")
        ]
        self.fields["theme"].choices = list(Theme.objects.values_list("slug", "name"))
        werkvormen = list(Werkvorm.objects.values_list("slug", "name", "description"))
        self.fields["werkvorm"].choices = [(slug, name) for slug, name, _hint in werkvormen]
        self.fields["werkvorm"].widget.hints = {slug: hint for slug, _name, hint in werkvormen}
        self.fields["target_group"].choices = list(TargetGroup.objects.values_list("slug", "name"))
        self.fields["sort"].choices = [("", _("Standaard"))] + [
            (key, SORT_LABELS[key]) for key in SORTS
        ]
        self.fields["baz_active"].widget.attrs["value"] = "true"
        municipality = self.fields["municipality"].widget.attrs
        municipality.update(
            {
                "list": "atlas-gemeenten",
                "autocomplete": "off",
                "data-lookup-url": "/gemeenten/zoeken/",
            }
        )
        self.fields["near"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code"}
        )


class VisitorForm(HumanCheckMixin, forms.Form):
    """Base for the entry page's forms: a silent honeypot and the minimum fill time.

    A filled honeypot is dropped without a word (`bot_detected`): only bots fill it. A form sent
    faster than a person can, or an expired one, gets the same error as every other public
    form, and the person sends again; dropping it silently lost real messages.
    """

    honeypot_field = "website_url"
    human_check_salt = "baz.atlas.visitor-started"
    min_fill_seconds_setting = "ATLAS_VISITOR_MIN_FILL_SECONDS"
    honeypot_policy = "silent"
    too_fast_policy = "error"


class ContactRelayForm(VisitorForm):
    sender_name = forms.CharField(label=_("Jouw naam"), max_length=150)
    sender_email = forms.EmailField(
        label=_("Jouw e-mailadres"),
        help_text=_("Zo kunnen ze je antwoorden."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Jouw bericht"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hoogstens 3000 tekens."),
    )
    field_order = ["sender_name", "sender_email", "message", "website_url", "started"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["sender_name"].widget.attrs["autocomplete"] = "name"
        self.auto_id = "contact_%s"


class CorrectionRequestForm(VisitorForm):
    message = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reporter_email = forms.EmailField(
        label=_("Jouw e-mailadres (niet verplicht)"),
        required=False,
        help_text=_("Alleen als je wilt dat we je laten weten wat we ermee deden."),
    )
    field_order = ["message", "reporter_email", "website_url", "started"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.auto_id = "fout_%s"
