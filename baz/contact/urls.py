from django.urls import path

from baz.contact import views

app_name = "contact"

urlpatterns = [
    path("contact/", views.contact_form, name="form"),
    path("contact/bedankt/", views.contact_thanks, name="thanks"),
    path("partners/", views.partner_index, name="partners"),
    path("privacy/", views.privacy, name="privacy"),
    path("mijn/gegevens/download/", views.data_export, name="data_export"),
    path("mijn/account/verwijderen/", views.account_delete, name="account_delete"),
]
