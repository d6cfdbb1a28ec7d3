"""Small helpers around django-otp's TOTP devices (demo accounts, tests, `demo_totp`)."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it when typed in by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the authenticator app shows now (or at a given Unix time)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def totp_seconds_left(device: TOTPDevice, at: float | None = None) -> int:
    now = time.time() if at is None else at
    return int(device.step - ((now - device.t0) % device.step))
