"""Print the current two-factor code of a (demo) account.

Why: a newcomer trying the demo staff accounts may not have an authenticator app at hand.
The secret is also printed by `load_demo_data`, for adding it to such an app.
"""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from baz.accounts.totp import totp_current_code, totp_seconds_left


class Command(BaseCommand):
    help = "Toont de huidige code voor tweestapsverificatie van een account (voor de demo)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Het e-mailadres van het account.")

    def handle(self, *args, email: str, verbosity: int = 1, **options):
        device = (
            TOTPDevice.objects.filter(user__email__iexact=email.strip(), confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise CommandError(f"Geen app voor tweestapsverificatie gevonden voor {email}.")
        code = totp_current_code(device)
        if verbosity >= 1:
            self.stdout.write(f"{code}  (nog {totp_seconds_left(device)} seconden geldig)")
        else:
            self.stdout.write(code)
