"""django-two-factor-auth's views under Dutch addresses, in its own `two_factor` namespace."""

from django.urls import path
from two_factor.views import BackupTokensView, ProfileView, QRGeneratorView

from baz.accounts import views

app_name = "two_factor"

urlpatterns = [
    path("aanmelden/", views.LoginView.as_view(), name="login"),
    path("mijn/beveiliging/", ProfileView.as_view(), name="profile"),
    path("mijn/beveiliging/instellen/", views.SetupView.as_view(), name="setup"),
    path("mijn/beveiliging/qr-code/", QRGeneratorView.as_view(), name="qr"),
    path("mijn/beveiliging/ingesteld/", views.SetupCompleteView.as_view(), name="setup_complete"),
    path("mijn/beveiliging/reservecodes/", BackupTokensView.as_view(), name="backup_tokens"),
]
