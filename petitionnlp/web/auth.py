"""Who is asking: argon2 password hashes, browser sessions (HttpOnly, SameSite cookies) with a CSRF token for their
forms, bearer tokens for the API, limited login attempts.

What each role may do is :mod:`petitionnlp.office.roles`; routes declare what they need with
``Depends(require("correct"))`` (API) or ``Depends(page("correct"))`` (pages), both in :mod:`.deps`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

from ..office import accounts
from ..office.accounts import hash_password
from ..office.store import Store
from ..office.tables import now

__all__ = ["verify_password", "Auth", "SESSION_COOKIE"]

SESSION_COOKIE = "pnlp_session"
SESSION_HOURS = 12
TOKEN_HOURS = 8
MAX_FAILURES_PER_USER = 5      # in LOGIN_WINDOW; then that account waits
MAX_FAILURES_PER_ADDRESS = 20  # in LOGIN_WINDOW; then that address waits
LOGIN_WINDOW = dt.timedelta(minutes=15)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# a hash to verify against when the user does not exist, so that both cases take the same time
_DUMMY_HASH = None


class Auth:
    """Logins, sessions and tokens over a :class:`Store`."""

    def __init__(self, store: Store):
        self.store = store

    # ------------------------------------------------------------------------------------- accounts
    def add_user(self, username: str, password: str, role: str, unit_id: int | None = None) -> dict:
        return accounts.add_user(self.store, username, password, role, unit_id)

    def check_login(self, username: str, password: str, ip: str) -> dict:
        """The user, or HTTPException 401 (wrong name or password) / 429 (too many failures).  The attempt is
        counted before the password is checked, in one transaction with the count, so that simultaneous wrong
        passwords cannot all reach the check."""
        global _DUMMY_HASH
        attempt = self.store.begin_login(username, ip, now() - LOGIN_WINDOW, MAX_FAILURES_PER_USER,
                                         MAX_FAILURES_PER_ADDRESS)
        if attempt is None:
            raise HTTPException(429, "登录失败次数过多，请 15 分钟后再试")
        user = self.store.user(username=username)
        if user is None:
            _DUMMY_HASH = _DUMMY_HASH or hash_password("not a password of anybody")
            verify_password(_DUMMY_HASH, password)
            ok = False
        else:
            ok = verify_password(user["password_hash"], password)
        if ok:
            self.store.login_ok(attempt)
        self.store.log(username if user else None, "login" if ok else "login_failed", f"ip:{ip}")
        if not ok:
            raise HTTPException(401, "用户名或密码错误")
        return user

    def deactivate_user(self, username: str) -> dict | None:
        """Deactivate an account: its sessions and tokens end at once."""
        return accounts.deactivate_user(self.store, username)

    # ---------------------------------------------------------------------------- sessions and tokens
    def new_session(self, user: dict) -> tuple[str, str]:
        """(cookie value, CSRF token) of a new browser session."""
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.store.add_credential(_digest(secret), "session", user["id"], now() + dt.timedelta(hours=SESSION_HOURS),
                                  csrf)
        return secret, csrf

    def new_token(self, user: dict) -> str:
        secret = secrets.token_urlsafe(32)
        self.store.add_credential(_digest(secret), "token", user["id"], now() + dt.timedelta(hours=TOKEN_HOURS))
        return secret

    @staticmethod
    def _remembered(request: Request, key: str, look_up):
        """What ``look_up()`` gives, once a request: the gate checks a login before a body is read, the route's
        dependency asks again, and the same request's scope remembers the answer (one database read, not two)."""
        state = request.scope.setdefault("state", {})
        if key not in state:
            state[key] = look_up()
        return state[key]

    def session(self, request: Request) -> dict | None:
        """{"user", "csrf"} of the request's session cookie, or None."""
        secret = request.cookies.get(SESSION_COOKIE)
        if not secret or len(secret) > 128:
            return None

        def look_up():
            got = self.store.credential(_digest(secret), "session")
            return {"user": got["user"], "csrf": got["credential"]["csrf"]} if got else None

        return self._remembered(request, "pnlp_session", look_up)

    def end_session(self, request: Request) -> None:
        secret = request.cookies.get(SESSION_COOKIE)
        if secret:
            self.store.drop_credential(_digest(secret))

    def bearer(self, request: Request) -> dict | None:
        header = request.headers.get("authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret or len(secret) > 128:
            return None

        def look_up():
            got = self.store.credential(_digest(secret.strip()), "token")
            return got["user"] if got else None

        return self._remembered(request, "pnlp_bearer", look_up)

    @staticmethod
    def csrf_ok(session: dict | None, token: str | None) -> bool:
        return bool(session and token and hmac.compare_digest(session["csrf"], token))
