"""Send the e-mail that waits in the outbox.

Why: requests never talk to a mail server. They store their mail in the outbox, inside their
own transaction, and this worker delivers it with retries and back-off, so a mail server that
is down delays mail but never loses it. Run it as a service (default: a loop) or from cron
(`--once`). Several workers may run side by side on PostgreSQL.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from baz.mail.selectors import outbox_due_list
from baz.mail.services import outbox_send_due


class Command(BaseCommand):
    help = "Verstuurt de e-mails die in de wachtrij staan (met nieuwe pogingen bij een fout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Verstuur één keer wat klaarstaat en stop dan (bijvoorbeeld vanuit cron).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=10.0,
            help="Aantal seconden wachten tussen twee rondes (standaard 10).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=50,
            help="Hoeveel e-mails per ronde hoogstens (standaard 50).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon welke e-mails klaarstaan, zonder iets te versturen.",
        )

    def handle(
        self,
        *args: object,
        once: bool = False,
        interval: float = 10.0,
        batch_size: int = 50,
        dry_run: bool = False,
        verbosity: int = 1,
        **options: object,
    ) -> None:
        if dry_run:
            self._list_due(batch_size=batch_size)
            return
        if once:
            self._send_pass(batch_size=batch_size, verbosity=verbosity)
            return

        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        # Signal handlers can only be set from the main thread (not so in some test runners).
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, request_stop) if in_main_thread else None
        if verbosity >= 1:
            self.stdout.write(
                f"Wachtrij voor e-mail: elke {interval:g} s een ronde. Stop met Ctrl+C."
            )
        try:
            while not stop.is_set():
                # A long-running process must not keep a connection the database has closed.
                close_old_connections()
                try:
                    self._send_pass(batch_size=batch_size, verbosity=verbosity)
                except Exception as error:  # keep the worker alive; the next round retries
                    self.stderr.write(f"Ronde mislukt: {type(error).__name__}: {error}")
                stop.wait(interval)
        except KeyboardInterrupt:
            pass
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
            close_old_connections()
        if verbosity >= 1:
            self.stdout.write("Wachtrij voor e-mail gestopt.")

    def _send_pass(self, *, batch_size: int, verbosity: int) -> None:
        stats = outbox_send_due(batch_size=batch_size)
        if (stats.total and verbosity >= 1) or verbosity >= 2:
            self.stdout.write(f"E-mail: {stats.summary()}")

    def _list_due(self, *, batch_size: int) -> None:
        messages = list(outbox_due_list(limit=batch_size))
        self.stdout.write(f"[proefdraai] {len(messages)} e-mail(s) klaar om te versturen")
        for message in messages:
            self.stdout.write(
                f"  #{message.pk} aan {message.recipients}: {message.subject} "
                f"(poging {message.attempts + 1})"
            )
