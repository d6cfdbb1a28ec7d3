from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Every form field renders through the accessible field component."""

    field_template_name = "core/components/field.html"
