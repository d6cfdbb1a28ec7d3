"""The forms of the reflection tool: one per step, each validating what that step asks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from baz.core.models import Municipality
from baz.core.selectors import municipalities_by_postal_code, municipality_search
from baz.core.text import normalize
from baz.learning.models import Reflection
from baz.learning.questions import NEEDS, PRIORITIES, SUPPORT_FORMS
from baz.learning.selectors import AtlasEntry, reflection_initiative_names

MAX_LINES = 30
MAX_LINE_LENGTH = 200


class HoneypotForm(forms.Form):
    """A field people never see (hidden by CSS) and bots fill in."""

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


def resolve_municipality(value: str) -> Municipality:
    """A municipality from its name (Dutch or French) or a postal code, or a clear error."""
    text = value.strip()
    if not text:
        raise forms.ValidationError(_("Vul de naam of de postcode van je gemeente in."))
    if text.isdigit():
        try:
            found = municipalities_by_postal_code(postal_code=text)
        except ValueError:
            raise forms.ValidationError(
                _("Een postcode heeft vier cijfers, bijvoorbeeld 9000.")
            ) from None
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(_("We kennen geen gemeente met die postcode."))
        names = ", ".join(m.name_nl for m in found)
        raise forms.ValidationError(
            _("Deze postcode hoort bij meer dan één gemeente (%(names)s). Typ de naam."),
            params={"names": names},
        )
    matches = municipality_search(query=text, limit=10)
    wanted = normalize(text)
    exact = [m for m in matches if wanted in {normalize(m.name_nl), normalize(m.name_fr)}]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise forms.ValidationError(
            _(
                "We vinden geen gemeente met die naam. "
                "Controleer de schrijfwijze of gebruik je postcode."
            )
        )
    names = ", ".join(m.name_nl for m in matches[:5])
    raise forms.ValidationError(
        _("Meer dan één gemeente past: %(names)s. Typ de volledige naam."),
        params={"names": names},
    )


def _lines(value: str) -> list[str]:
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise forms.ValidationError(
            _("Geef hoogstens %(max)s initiatieven op."), params={"max": MAX_LINES}
        )
    if any(len(line) > MAX_LINE_LENGTH for line in lines):
        raise forms.ValidationError(
            _("Een regel is te lang: hoogstens %(max)s tekens per initiatief."),
            params={"max": MAX_LINE_LENGTH},
        )
    return lines


class InitiativesForm(forms.Form):
    """Step 1: the municipality, the atlas entries there, and initiatives the team adds."""

    municipality = forms.CharField(
        label=_("Gemeente"),
        max_length=100,
        error_messages={"required": _("Vul de naam of de postcode van je gemeente in.")},
        help_text=_("De naam of de postcode, bijvoorbeeld Gent of 9000."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-municipality-lookup": "/gemeenten/zoeken/"}
        ),
    )
    atlas = forms.MultipleChoiceField(
        label=_("Deze burgerinitiatieven staan al in Inspireer elkaar"),
        help_text=_("Vink aan wat je bij jullie kent."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    own = forms.CharField(
        label=_("Andere burgerinitiatieven die je kent"),
        help_text=_("Eén initiatief per regel, bijvoorbeeld: Buurtmoestuin De Groene Vinger."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    comment = forms.CharField(
        label=_("Opmerkingen"),
        help_text=_("Wat valt jullie op? Wat weten jullie nog niet?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args,
        atlas_entries: list[AtlasEntry],
        fixed_municipality: Municipality | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # A reflection in a workspace belongs to its municipality: no field to change it.
        self.fixed_municipality = fixed_municipality
        if fixed_municipality is not None:
            del self.fields["municipality"]
        self.atlas_entries = {entry.key: entry for entry in atlas_entries}
        self.fields["atlas"].choices = [(e.key, e.name) for e in atlas_entries]
        if not atlas_entries:
            del self.fields["atlas"]

    def clean_municipality(self) -> Municipality:
        return resolve_municipality(self.cleaned_data["municipality"])

    def clean_own(self) -> list[str]:
        return _lines(self.cleaned_data["own"])

    def clean(self):
        cleaned = super().clean()
        if self.fixed_municipality is not None:
            cleaned["municipality"] = self.fixed_municipality
        if (
            "own" in cleaned
            and not cleaned.get("atlas")
            and not cleaned.get("own")
            and not cleaned.get("comment")
        ):
            self.add_error(
                "own",
                _("Noem minstens één burgerinitiatief, of schrijf bij opmerkingen wat je weet."),
            )
        return cleaned

    def chosen_atlas_entries(self) -> list[AtlasEntry]:
        return [self.atlas_entries[key] for key in self.cleaned_data.get("atlas", [])]


class SupportChoicesForm(forms.Form):
    """Step 2: per initiative of step 1 a tick and a motivation; themes in free text."""

    themes = forms.CharField(
        label=_("Thema's die jullie willen ondersteunen"),
        help_text=_("Bijvoorbeeld eenzaamheid, armoede of mantelzorg. Zeg ook waarom."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, initiative_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative_names = initiative_names
        self.rows = []
        for index, name in enumerate(initiative_names):
            choose, reason = f"kies_{index}", f"waarom_{index}"
            self.fields[choose] = forms.BooleanField(
                label=_("We willen %(name)s ondersteunen") % {"name": name}, required=False
            )
            self.fields[reason] = forms.CharField(
                label=_("Waarom %(name)s?") % {"name": name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((name, choose, reason))

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for name, choose, reason in self.rows:
            motivation = cleaned.get(reason, "").strip()
            if cleaned.get(choose):
                if not motivation:
                    self.add_error(
                        reason, _("Schrijf kort waarom jullie dit initiatief willen ondersteunen.")
                    )
                chosen[name] = motivation
        if not chosen and not cleaned.get("themes", "").strip() and not self.errors:
            target = self.rows[0][1] if self.rows else "themes"
            self.add_error(
                target,
                _("Kies minstens één initiatief of beschrijf een thema dat jullie willen steunen."),
            )
        cleaned["chosen"] = chosen
        return cleaned

    def bound_rows(self):
        return [(name, self[choose], self[reason]) for name, choose, reason in self.rows]


class SupportFormsForm(forms.Form):
    """Step 3: what the municipality offers now and what it wants to offer."""

    note = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Wat werkt goed? Wat willen jullie anders doen?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for key, label, help_text in SUPPORT_FORMS:
            self.fields[f"{key}_nu"] = forms.BooleanField(label=_("Nu"), required=False)
            self.fields[f"{key}_gewenst"] = forms.BooleanField(label=_("Gewenst"), required=False)
            self.rows.append((key, label, help_text))

    def clean(self):
        cleaned = super().clean()
        keys = [key for key, _label, _help in self.rows]
        cleaned["now"] = [key for key in keys if cleaned.get(f"{key}_nu")]
        cleaned["wanted"] = [key for key in keys if cleaned.get(f"{key}_gewenst")]
        if not cleaned["now"] and not cleaned["wanted"]:
            raise forms.ValidationError(
                _("Vink minstens één vorm van ondersteuning aan, bij 'nu' of bij 'gewenst'.")
            )
        return cleaned

    def bound_rows(self):
        return [
            (key, label, help_text, self[f"{key}_nu"], self[f"{key}_gewenst"])
            for key, label, help_text in self.rows
        ]


class NeedsForm(forms.Form):
    """Step 4: per need a free text and a priority."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for key, label, help_text in NEEDS:
            self.fields[f"{key}_tekst"] = forms.CharField(
                label=_("Wat hebben jullie nodig?"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{key}_prioriteit"] = forms.ChoiceField(
                label=_("Prioriteit"),
                required=False,
                choices=[("", _("Kies een prioriteit")), *PRIORITIES],
            )
            self.rows.append((key, label, help_text))

    def clean(self):
        cleaned = super().clean()
        needs = {}
        for key, _label, _help in self.rows:
            text = cleaned.get(f"{key}_tekst", "").strip()
            priority = cleaned.get(f"{key}_prioriteit", "")
            if text and not priority:
                self.add_error(f"{key}_prioriteit", _("Kies een prioriteit voor deze nood."))
            if priority and not text:
                self.add_error(f"{key}_tekst", _("Beschrijf kort wat jullie nodig hebben."))
            if text or priority:
                needs[key] = (text, priority)
        if not needs and not self.errors:
            raise forms.ValidationError(_("Beschrijf minstens één ding dat jullie nodig hebben."))
        cleaned["needs"] = needs
        return cleaned

    def bound_rows(self):
        return [
            (key, label, help_text, self[f"{key}_tekst"], self[f"{key}_prioriteit"])
            for key, label, help_text in self.rows
        ]


def initial_for_step(reflection: Reflection, step: int) -> dict[str, object]:
    """The saved answers of a step, as the initial values of its form."""
    if step == 1:
        data = reflection.initiatives or {}
        return {
            "municipality": reflection.municipality.name_nl if reflection.municipality else "",
            "atlas": [entry["key"] for entry in data.get("atlas", [])],
            "own": "\n".join(data.get("own", [])),
            "comment": data.get("comment", ""),
        }
    if step == 2:
        data = reflection.support_choices or {}
        chosen = {c["name"]: c["motivation"] for c in data.get("initiatives", [])}
        initial: dict[str, object] = {"themes": data.get("themes", "")}
        for index, name in enumerate(reflection_initiative_names(reflection)):
            if name in chosen:
                initial[f"kies_{index}"] = True
                initial[f"waarom_{index}"] = chosen[name]
        return initial
    if step == 3:
        data = reflection.support_forms or {}
        initial = {"note": data.get("note", "")}
        for key, value in data.get("forms", {}).items():
            initial[f"{key}_nu"] = value.get("now", False)
            initial[f"{key}_gewenst"] = value.get("wanted", False)
        return initial
    initial = {}
    for key, value in (reflection.needs or {}).items():
        initial[f"{key}_tekst"] = value.get("text", "")
        initial[f"{key}_prioriteit"] = value.get("priority", "")
    return initial
