"""A service's ValidationError shown on a form (or as one sentence), the same in every view."""

from django import forms
from django.core.exceptions import ValidationError

from baz.core.forms import add_service_errors, service_error_text


class NameForm(forms.Form):
    name = forms.CharField()
    password = forms.CharField()


def _form():
    form = NameForm({"name": "Gent", "password": "x"})
    assert form.is_valid()
    return form


def test_errors_for_a_field_of_the_form_stand_next_to_that_field():
    form = _form()

    add_service_errors(form, ValidationError({"name": "Die naam bestaat al."}))

    assert form.errors == {"name": ["Die naam bestaat al."]}


def test_errors_for_a_field_the_form_lacks_stand_above_the_form():
    form = _form()

    add_service_errors(form, ValidationError({"municipality": "Kies een gemeente."}))

    assert form.non_field_errors() == ["Kies een gemeente."]
    assert "name" not in form.errors


def test_an_error_without_a_field_stands_above_the_form_or_where_the_view_says():
    above, at_password = _form(), _form()

    add_service_errors(above, ValidationError("Dat mag niet."))
    add_service_errors(
        at_password, ValidationError(["Te kort.", "Te eenvoudig."]), field="password"
    )

    assert above.non_field_errors() == ["Dat mag niet."]
    assert at_password.errors == {"password": ["Te kort.", "Te eenvoudig."]}


def test_without_a_form_the_messages_make_one_sentence():
    error = ValidationError({"name": "Die naam bestaat al.", "email": "Geen adres."})

    assert service_error_text(error) == "Die naam bestaat al. Geen adres."
