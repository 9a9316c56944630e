"""Password hashing (argon2id) and the password policy of SECURITY.md (ASVS 5.0)."""

from __future__ import annotations

import sys
import threading
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 128
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_ZXCVBN_LOCK = threading.Lock()


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def burn_time(password: str) -> None:
    """Spend the time of one verification, so an unknown e-mail answers as slowly as a
    known one."""
    verify_password(_dummy_hash(_params_key()), password)


def _params_key() -> tuple[int, int, int]:
    cfg = current_app.config
    return cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_COST"], cfg["ARGON2_PARALLELISM"]


@cache
def _dummy_hash(params: tuple[int, int, int]) -> str:
    return _hasher().hash("participa-dummy-password")


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most frequent leaked passwords (zxcvbn's list) and our own list of common
    Spanish and Guatemalan ones."""
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    ours = (line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(p.casefold() for p in (*_leaked_passwords(), *ours))


def _leaked_passwords() -> list[str]:
    """zxcvbn's list of the most frequent leaked passwords, read when a password is first
    checked. Importing zxcvbn builds every one of its dictionaries (about 190,000 strings,
    some 15 MB of a worker's memory) of which only this list is used: the list is kept and the
    package let go, so a worker that checked a password weighs what the others do (issue 20,
    worker memory under 150 MB)."""
    with _ZXCVBN_LOCK:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS

        passwords = list(FREQUENCY_LISTS["passwords"])
        for name in [name for name in sys.modules
                     if name == "zxcvbn" or name.startswith("zxcvbn.")]:
            del sys.modules[name]
    return passwords


def policy_errors(password: str, *, name: str = "", email: str = "") -> list[str]:
    """Length 12-128, no composition rules; refuse common passwords and the person's own name
    or e-mail."""
    errors: list[str] = []
    if len(password) < MIN_LENGTH:
        errors.append(
            _("La contraseña debe tener al menos %(min)d caracteres.", min=MIN_LENGTH)
        )
    if len(password) > MAX_LENGTH:
        errors.append(
            _("La contraseña no puede tener más de %(max)d caracteres.", max=MAX_LENGTH)
        )
    folded = password.casefold()
    compact = "".join(folded.split())
    if folded in common_passwords() or compact in common_passwords():
        errors.append(_("Esa contraseña es demasiado común. Elija otra."))
    personal = [part for part in _personal_words(name, email) if len(part) >= 4]
    if any(part in compact for part in personal):
        errors.append(_("La contraseña no debe contener su nombre ni su correo electrónico."))
    return errors


def _personal_words(name: str, email: str) -> list[str]:
    words = [w.casefold() for w in name.split()]
    words.append("".join(words))
    local = email.split("@", 1)[0].casefold()
    if local:
        words.append(local)
    if email:
        words.append(email.casefold())
    return words
