"""Front-end forms of the atlas write side: propose an entry, edit it in /mijn/.

Forms only parse and check input; the services decide. Fields render through the accessible
field component (FORM_RENDERER), so errors sit next to their field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from baz.atlas.models import (
    Entry,
    EntryKind,
    SupportOfferItem,
    TargetGroup,
    Theme,
    Werkvorm,
)
from baz.atlas.richtext import description_html_to_text, description_text_to_html
from baz.atlas.services.common import description_sanitise
from baz.core.forms import HumanCheckMixin
from baz.core.images import require_alt_text
from baz.core.models import Municipality

FILL_TIME_SALT = "baz.atlas.propose-started"
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


_MAX_PK = 2**63 - 1


def _pk_in_range(value: Any) -> bool:
    """A primary key the database can compare with: huge numbers overflow (a 500 otherwise)."""
    text = str(value).strip()
    return not (text.lstrip("-").isdigit() and abs(int(text)) > _MAX_PK)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for item in value or []:
            if not _pk_in_range(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class MunicipalityChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _pk_in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, obj: Municipality) -> str:  # type: ignore[override]
        return obj.display_name


class _EntryFieldsMixin(forms.ModelForm):
    themes = SafeModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    werkvormen = SafeModelMultipleChoiceField(
        label=_("Werkvormen"),
        queryset=Werkvorm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = SafeModelMultipleChoiceField(
        label=_("Voor wie?"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = MunicipalityChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(latitude__isnull=False).order_by("name_nl"),
        empty_label=_("Kies een gemeente"),
        help_text=_("Waar is het initiatief actief? Typ de eerste letters om snel te kiezen."),
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Vertel meer. Een lege regel begint een nieuwe alinea. Begin een regel met een "
            "streepje (-) voor een opsomming, of met 1. voor een genummerde lijst. Een "
            "webadres of e-mailadres wordt vanzelf een link."
        ),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    image = forms.FileField(
        label=_("Afbeelding"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("Een JPG-, PNG- of WebP-bestand van maximaal 5 MB. Dit is niet verplicht."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The form shows the stored HTML as plain text, never as tag codes.
        self._stored_description = self.initial.get("description") or ""
        self.initial["description"] = description_html_to_text(self._stored_description)

    def clean_description(self) -> str:
        text = self.cleaned_data.get("description") or ""
        # Unchanged text keeps the stored description as it is, with the formatting that
        # plain text cannot show (bold or italics added by the redactie in the admin).
        if self._stored_description and text.strip() == self.initial["description"].strip():
            return description_sanitise(self._stored_description)
        # The same cleaning as the services apply, so what is shown again after an error is
        # exactly what would be stored (nh3: only p, br, strong/b, em/i, ul/ol/li, a href).
        return description_sanitise(description_text_to_html(text))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            require_alt_text(
                image=cleaned.get("image"), alt=cleaned.get("image_alt"), alt_field="image_alt"
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def _post_clean(self) -> None:
        # The services validate the whole entry; the model needs a position and kind first.
        pass

    def entry_data(self) -> dict[str, Any]:
        skip = {"image", "kind", "version", "submitter_name", "submitter_email", "started"}
        skip |= {"homepage"}
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in skip and not name.startswith("offer_")
        }


class ProposeForm(HumanCheckMixin, _EntryFieldsMixin):
    """The public form "Stel een initiatief voor".

    Bot traps from `HumanCheckMixin`: a filled honeypot looks like success and stores nothing
    (`honeypot_filled`); a form sent within ATLAS_PROPOSE_MIN_SECONDS is refused with the
    input kept.
    """

    honeypot_field = "homepage"
    human_check_salt = FILL_TIME_SALT
    min_fill_seconds_setting = "ATLAS_PROPOSE_MIN_SECONDS"
    honeypot_policy = "silent"
    too_fast_policy = "error"

    kind = forms.ChoiceField(
        label=_("Wat stel je voor?"),
        choices=[
            (EntryKind.INITIATIVE.value, _("Een burgerinitiatief")),
            (EntryKind.ORGANISATION.value, _("Een organisatie")),
        ],
        widget=forms.RadioSelect,
        initial=EntryKind.INITIATIVE.value,
    )
    submitter_name = forms.CharField(
        label=_("Jouw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    submitter_email = forms.EmailField(
        label=_("Jouw e-mailadres"),
        help_text=_("We sturen je een mail. Daarin bevestig je je voorstel."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = Entry
        fields = [
            "name",
            "summary",
            "description",
            "municipality",
            "street",
            "postal_code",
            "place",
            "themes",
            "werkvormen",
            "target_groups",
            "how_to_join",
            "website",
            "image_alt",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "place": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    field_order = ["kind", "name", "summary", "description", "municipality"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A logged-in person's address is known: no name and address to fill in, no mail.
        self.logged_in = bool(user is not None and user.is_authenticated)
        if self.logged_in:
            del self.fields["submitter_name"]
            del self.fields["submitter_email"]
        self.fields["street"].help_text = _(
            "Niet verplicht. Zonder adres tonen we je initiatief in het midden van de gemeente."
        )


class EntryEditForm(_EntryFieldsMixin):
    """Edit an entry in /mijn/; `version` is the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Entry
        fields = [
            "name",
            "summary",
            "description",
            "municipality",
            "street",
            "postal_code",
            "place",
            "themes",
            "werkvormen",
            "target_groups",
            "how_to_join",
            "cost",
            "languages",
            "accessibility",
            "contact_name",
            "contact_phone",
            "contact_email",
            "show_contact_name",
            "show_contact_phone",
            "show_contact_email",
            "website",
            "image_alt",
            "start_year",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    LOCAL_GOVERNMENT_FIELDS = ("contact_point", "regulation_url", "baz_map_consent")

    def __init__(self, *args: Any, entry: Entry, **kwargs: Any) -> None:
        self.entry = entry
        super().__init__(*args, **kwargs)
        if entry.is_local_government:
            for name in self.LOCAL_GOVERNMENT_FIELDS:
                extra = {"assume_scheme": "https"} if name == "regulation_url" else {}
                self.fields[name] = Entry._meta.get_field(name).formfield(**extra)  # type: ignore[union-attr]
                self.initial.setdefault(name, getattr(entry, name))
            offers = {offer.item: offer.text for offer in entry.support_offers.all()}
            for item, label in SupportOfferItem.choices:
                self.fields[f"offer_{item}"] = forms.BooleanField(label=label, required=False)
                self.fields[f"offer_{item}_text"] = forms.CharField(
                    label=_("Wat bieden jullie? (%(item)s)") % {"item": label},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.initial.setdefault(f"offer_{item}", item in offers)
                self.initial.setdefault(f"offer_{item}_text", offers.get(item, ""))

    def support_offers(self) -> dict[str, str] | None:
        if not self.entry.is_local_government:
            return None
        return {
            item: self.cleaned_data.get(f"offer_{item}_text", "")
            for item in SupportOfferItem.values
            if self.cleaned_data.get(f"offer_{item}")
        }

    def offer_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"offer_{item}"], self[f"offer_{item}_text"])
            for item in SupportOfferItem.values
            if f"offer_{item}" in self.fields
        ]


class EntryAddForm(EntryEditForm):
    """A new initiative or organisation in /mijn/: the fields and rules of the edit form.

    `municipalities` are the ones the person may add in; with only one, it is chosen already.
    """

    kind = forms.ChoiceField(
        label=_("Wat voeg je toe?"),
        choices=[
            (EntryKind.INITIATIVE.value, _("Een burgerinitiatief")),
            (EntryKind.ORGANISATION.value, _("Een organisatie")),
        ],
        widget=forms.RadioSelect,
        initial=EntryKind.INITIATIVE.value,
    )

    field_order = ["kind", "name", "summary", "description", "municipality"]

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, entry=Entry(kind=EntryKind.INITIATIVE), **kwargs)
        del self.fields["version"]
        field = self.fields["municipality"]
        field.queryset = municipalities  # type: ignore[attr-defined]
        field.help_text = _("Waar is het initiatief actief?")
        choices = list(municipalities[:2])
        if len(choices) == 1:
            self.initial.setdefault("municipality", choices[0].pk)


class RejectForm(forms.Form):
    message = forms.CharField(
        label=_("Waarom weiger je? De indiener krijgt dit bericht."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
