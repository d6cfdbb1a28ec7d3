"""Create the base pages and the Dutch demo content of every app.

Why: a newcomer running `make run` should see a complete site. Each app that has demo content
offers a `demo.load_demo_data(stdout)` function; this command calls them in app order. Nothing
that exists is changed, so a second run is fast and harmless. Demo data uses invented people
and example.org addresses only.
"""

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from baz.core.services import site_structure_ensure


class Command(BaseCommand):
    help = "Maakt de basispagina's en de demo-inhoud aan (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat er zou worden aangemaakt, zonder iets op te slaan.",
        )

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        with transaction.atomic():
            created = site_structure_ensure()
            for app in apps.get_app_configs():
                if not app.name.startswith("baz."):
                    continue
                try:
                    demo = import_module(f"{app.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app.name}.demo":
                        raise
                    continue
                created += demo.load_demo_data(stdout=self.stdout)
            if dry_run:
                transaction.set_rollback(True)
        if created and not dry_run:
            call_command("update_index", verbosity=0)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            what = ", ".join(created) if created else "niets nieuw, alles bestond al"
            self.stdout.write(f"{prefix}Demo-inhoud: {what}")
