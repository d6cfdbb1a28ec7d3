"""The shared bot checks of public forms: honeypot and minimum fill time."""

import time

from django import forms

from baz.core.forms import HumanCheckMixin


class StrictForm(HumanCheckMixin, forms.Form):
    human_check_salt = "tests.strict"
    name = forms.CharField()


class SilentForm(HumanCheckMixin, forms.Form):
    honeypot_field = "homepage"
    human_check_salt = "tests.silent"
    honeypot_policy = "silent"
    too_fast_policy = "silent"
    name = forms.CharField()


def _data(form_class, *, seconds_ago=60, **extra):
    field = form_class.honeypot_field
    data = {
        "name": "An",
        field: "",
        "started": form_class.human_check_token(time.time() - seconds_ago),
    }
    data.update(extra)
    return data


def test_an_unbound_form_has_the_two_fields_and_a_fresh_token():
    form = StrictForm()
    assert {"website", "started"} <= set(form.fields)
    assert form.fields["website"].widget.attrs["tabindex"] == "-1"
    assert form.initial["started"]


def test_a_person_who_took_their_time_passes(settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 3
    form = StrictForm(_data(StrictForm))
    assert form.is_valid(), form.errors
    assert not form.bot_detected


def test_the_error_policy_refuses_honeypot_and_speed_with_a_message(settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 3
    honeypot = StrictForm(_data(StrictForm, website="http://spam.example.org"))
    too_fast = StrictForm(_data(StrictForm, seconds_ago=1))
    assert not honeypot.is_valid()
    assert not too_fast.is_valid()
    assert "snel" in str(too_fast.non_field_errors())
    assert "niet verstuurd" in str(honeypot.non_field_errors())


def test_the_silent_policy_only_flags_the_bot(settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 3
    honeypot = SilentForm(_data(SilentForm, homepage="x"))
    too_fast = SilentForm(_data(SilentForm, seconds_ago=0))
    assert honeypot.honeypot_filled
    assert honeypot.is_valid()
    assert honeypot.bot_detected
    assert too_fast.is_valid()
    assert too_fast.bot_detected


def test_a_forged_or_stale_timestamp_is_always_an_error():
    forged = SilentForm(_data(SilentForm, started="1700000000"))
    stale = SilentForm(_data(SilentForm, seconds_ago=2 * 24 * 3600))
    other_salt = SilentForm(_data(SilentForm, started=StrictForm.human_check_token()))
    for form in (forged, stale, other_salt):
        assert not form.is_valid()
        assert "verlopen" in str(form.non_field_errors())


def test_refresh_started_gives_a_bound_form_a_new_token():
    form = StrictForm(_data(StrictForm, started="oud"))
    form.refresh_started()
    assert form.data["started"] != "oud"


def test_every_public_form_says_the_same_when_it_refuses():
    # One wording for the same error on every form: no form overrides the mixin's texts.
    from baz.atlas.forms import ProposeForm  # noqa: F401 - imported so the subclass exists
    from baz.atlas.public_forms import ContactRelayForm, CorrectionRequestForm
    from baz.coaching.forms.sessions import EvaluationForm  # noqa: F401
    from baz.coaching.forms.trajectories import CoachingRequestForm  # noqa: F401
    from baz.contact.forms import ContactForm  # noqa: F401

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms = list(subclasses(HumanCheckMixin))
    assert ContactRelayForm in forms
    assert CorrectionRequestForm in forms
    for form in forms:
        for name in ("expired_message", "too_fast_message", "honeypot_message"):
            assert getattr(form, name) == getattr(HumanCheckMixin, name), (form, name)
