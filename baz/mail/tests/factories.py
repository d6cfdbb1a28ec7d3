import factory
from django.contrib.auth import get_user_model

from baz.mail.models import OutboxMessage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    is_active = True

    @factory.post_generation
    def permissions(self, create, codenames, **kwargs):
        """`UserFactory(permissions=["mail.change_outboxmessage"])`"""
        if not create or not codenames:
            return
        from django.contrib.auth.models import Permission

        for codename in codenames:
            app_label, _, name = codename.partition(".")
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=name)
            )


class StaffUserFactory(UserFactory):
    is_staff = True


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    to = factory.Sequence(lambda n: [f"ontvanger{n}@example.org"])
    from_email = "BurgersAanZet <noreply@example.org>"
    subject = factory.Sequence(lambda n: f"Nieuws over je initiatief {n}")
    body_text = "Dag Lien,\n\nJe initiatief staat nu in de atlas.\n"
    body_html = "<p>Dag Lien,</p><p>Je initiatief staat nu in de atlas.</p>"
    headers = factory.LazyFunction(dict)


def delivery_report(
    original: bytes,
    failed: dict[str, str],
    *,
    action: str = "failed",
    to: str = "bounces@baz.example.org",
) -> bytes:
    """A delivery status notification (RFC 3464) about `original` (the raw message), as a
    receiving server writes it: one recipient block per {address: status}, and the original
    headers, which carry the Message-ID. With CRLF line ends, as SMTP wants them (smtplib sends
    bytes as they are)."""
    headers = original.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode()
    recipients = "".join(
        f"\nFinal-Recipient: rfc822; {address}\nOriginal-Recipient: rfc822;{address}\n"
        f"Action: {action}\nStatus: {status}\n"
        f"Diagnostic-Code: smtp; {status[0]}50 {status} {address}: user unknown\n"
        for address, status in failed.items()
    )
    return (
        (
            "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
            f"To: {to}\n"
            "Subject: Undelivered Mail Returned to Sender\n"
            "Message-ID: <20261127.dsn.1@mx.example.org>\n"
            "MIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="GRENS"\n'
            "\n"
            "--GRENS\n"
            "Content-Type: text/plain; charset=us-ascii\n"
            "\n"
            "Your message could not be delivered to one or more recipients.\n"
            "\n"
            "--GRENS\n"
            "Content-Type: message/delivery-status\n"
            "\n"
            "Reporting-MTA: dns; mx.example.org\n"
            "Arrival-Date: Fri, 27 Nov 2026 10:00:00 +0100 (CET)\n"
            f"{recipients}"
            "\n"
            "--GRENS\n"
            "Content-Type: text/rfc822-headers\n"
            "\n"
            f"{headers}\n"
            "\n"
            "--GRENS--\n"
        )
        .encode()
        .replace(b"\n", b"\r\n")
    )  # CRLF: as it travels over SMTP
