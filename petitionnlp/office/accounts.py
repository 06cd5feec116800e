"""The office's accounts: a user added (or given a new password or role: every session and token of theirs ends)
with the role's rules checked, or deactivated.  Passwords are kept as argon2 hashes only."""

from __future__ import annotations

from .errors import Invalid, Messages
from .roles import ROLES

__all__ = ["hash_password", "add_user", "deactivate_user", "MIN_PASSWORD"]

MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def add_user(store, username: str, password: str, role: str, unit_id: int | None = None) -> dict:
    """The account; :class:`Invalid` when the name, role, unit or password breaks a rule."""
    if role not in ROLES:
        raise Invalid(Messages.O224.format(roles=" / ".join(ROLES)))
    if (role == "unit") != (unit_id is not None):
        raise Invalid(Messages.O225)
    if not username or len(username) > 64 or not username.isprintable() or username.strip() != username:
        raise Invalid(Messages.O226)
    if len(password) < MIN_PASSWORD:
        raise Invalid(Messages.O227.format(n=MIN_PASSWORD))
    return store.add_user(username, hash_password(password), role, unit_id)


def deactivate_user(store, username: str) -> dict | None:
    """The user can no longer log in; every session and token of theirs ends.  None when there is no such user."""
    return store.deactivate_user(username)
