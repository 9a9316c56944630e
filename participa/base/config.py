"""Configuration: safe defaults here, then ``instance/config.py``, then ``PARTICIPA_*``
environment variables, then the ``test_config`` given to ``create_app``."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

# A public default for development; production refuses it (check below).
DEFAULT_SECRET_KEY = "participa-dev-key-not-for-production"  # noqa: S105
# The site's address outside production (`make run`); production requires its own.
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


class Defaults:
    # Set PARTICIPA_PRODUCTION=1 on a real server: the app then refuses the default key,
    # marks cookies Secure and sends HSTS.
    PRODUCTION = False
    SECRET_KEY = DEFAULT_SECRET_KEY
    # None means the embedded SQLite database instance/participa.db.
    DATABASE_URL: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 10_000

    # Languages of the interface; the first is the fallback (Spanish, the source language).
    LANGUAGES = ["es", "quc", "kek", "cak", "mam", "en"]
    TIMEZONE = "America/Guatemala"

    # E-mail: "file" writes each message under MAIL_FILE_DIR (instance/mail by default) so a
    # person can open the link; "smtp" sends through MAIL_SERVER:MAIL_PORT.
    MAIL_BACKEND = "file"
    MAIL_FILE_DIR: str | None = None
    MAIL_SERVER = "localhost"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_TIMEOUT = 10
    MAIL_DEFAULT_SENDER = "Participa <no-responder@participa.localhost>"
    # The site's canonical public address, scheme and host (https://participa.example.gt):
    # every link in an e-mail is built from it, never from the request's Host header, which
    # whoever sends the request chooses. None: DEFAULT_BASE_URL outside production;
    # production refuses to start without it.
    BASE_URL: str | None = None

    # Rate limits: memory:// is per process; use redis://host:6379/0 with several workers or
    # servers (docs/deploy.md). If Redis stops answering, each worker counts in memory until
    # it is back, rather than failing the requests.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_KEY_PREFIX = "participa"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Participation limits (read at each request; "N per minute|hour|day", several separated
    # by ";"). Each kind has a limit per person (signed in) and a higher one per address,
    # since many people may share one (an internet café, a mobile network).
    # Publishing a proposal (previews and edits have their own, looser limit).
    RATELIMIT_PROPOSALS = "5 per hour;20 per day"
    RATELIMIT_PROPOSALS_PER_ADDRESS = "30 per hour;100 per day"
    # Comments, replies and their edits, together.
    RATELIMIT_COMMENTS = "10 per minute;60 per hour;300 per day"
    RATELIMIT_COMMENTS_PER_ADDRESS = "60 per minute;600 per hour"
    # Giving and withdrawing supports, together.
    RATELIMIT_SUPPORTS = "60 per minute;500 per day"
    RATELIMIT_SUPPORTS_PER_ADDRESS = "300 per minute"
    # Casting and withdrawing prioritisation votes, together.
    RATELIMIT_VOTES = "60 per minute;300 per day"
    RATELIMIT_VOTES_PER_ADDRESS = "300 per minute"
    # Reports of proposals, comments and people (the moderation feature applies it).
    RATELIMIT_REPORTS = "10 per hour;30 per day"
    RATELIMIT_REPORTS_PER_ADDRESS = "60 per hour"

    # Links in the proposals and comments of new accounts: an account younger than
    # LINK_LIMIT_NEW_ACCOUNT_DAYS days may put at most LINK_LIMIT addresses in one text.
    LINK_LIMIT_NEW_ACCOUNT_DAYS = 7
    LINK_LIMIT = 2

    # Sessions and cookies.
    SESSION_COOKIE_NAME = "participa_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_NAME = "participa_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Absolute lifetime of a signed-in session, and idle timeout, in seconds.
    SESSION_ABSOLUTE_SECONDS = 12 * 3600
    SESSION_IDLE_SECONDS = 2 * 3600
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # The language a visitor chose with a link (``?lang=``): a plain cookie, not the session,
    # so that a visitor who has not signed in gets no session (issue 20).
    LANGUAGE_COOKIE_NAME = "participa_lang"
    LANGUAGE_COOKIE_DAYS = 365
    LANGUAGE_COOKIE_SECURE = False
    # How long a proxy or a browser may keep a page shown to visitors who have not signed in
    # (``Cache-Control: public, max-age``): counts they see may be this many seconds old.
    # 0: no shared caching (``no-cache``: every use revalidated with the ETag).
    PUBLIC_CACHE_SECONDS = 5
    # Rendered parts of pages kept under the version of what they show (the proposal list's
    # cards, the list of rounds): this many in each worker's memory, and in Redis too when
    # FRAGMENT_CACHE_URL names one (redis://host:6379/1), shared by every worker and server,
    # each for FRAGMENT_CACHE_SECONDS. docs/deploy.md.
    FRAGMENT_CACHE_SIZE = 2048
    FRAGMENT_CACHE_URL = ""
    FRAGMENT_CACHE_SECONDS = 24 * 3600

    # Tokens sent by e-mail, in seconds.
    CONFIRM_TOKEN_SECONDS = 48 * 3600
    RESET_TOKEN_SECONDS = 3600

    # Password hashing (argon2id). The defaults are argon2-cffi's RFC 9106 "low memory" profile.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4
    # Brute force: this many consecutive failed log-ins lock the account for LOCKOUT_SECONDS.
    LOCKOUT_THRESHOLD = 20
    LOCKOUT_SECONDS = 3600
    # Two-step log-in (TOTP) of moderators and administrators. REQUIRE_ADMIN_TOTP: whether
    # administrators must use it (None: yes in production, no otherwise, e.g. `make run`).
    # TOTP_MAX_FAILURES consecutive wrong codes lock the account for LOCKOUT_SECONDS; the
    # password step is valid for TOTP_PENDING_SECONDS.
    REQUIRE_ADMIN_TOTP: bool | None = None
    TOTP_MAX_FAILURES = 5
    TOTP_PENDING_SECONDS = 300
    TOTP_RECOVERY_CODES = 10
    TOTP_ISSUER = "Participa"

    # Moderation: a proposal or comment with this many open reports is hidden automatically
    # until a moderator looks at it.
    MODERATION_REPORT_THRESHOLD = 3

    # Reverse proxies in front of the app (nginx: 1; a load balancer and nginx: 2): the
    # client's address and scheme are read from their X-Forwarded-For and -Proto headers.
    # 0 when clients reach the app directly (the headers are then ignored).
    PROXY_COUNT = 0

    # Backups (flask db-backup): the folder (None: instance/backups) and the folder of
    # pg_dump and pg_restore (None: the PATH).
    BACKUP_DIR: str | None = None
    PG_BIN_DIR: str | None = None

    # Recorded audio (recordings): the largest file and the longest recording accepted. The
    # requests that carry one take this limit and 8 MB more instead of MAX_CONTENT_LENGTH
    # (nginx: deploy/nginx.conf's /grabaciones/ location).
    AUDIO_MAX_BYTES = 15 * 1000 * 1000
    AUDIO_MAX_SECONDS = 10 * 60

    MAX_CONTENT_LENGTH = 1024 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    JSON_SORT_KEYS = False


_TRUE = {"1", "true", "yes", "on", "si", "sí"}


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(default, timedelta):
        return timedelta(seconds=int(raw))
    if default is None or isinstance(default, str):
        return raw
    return json.loads(raw)


def _from_environment(app: Flask) -> None:
    prefix = "PARTICIPA_"
    for name, raw in sorted(os.environ.items()):
        if not name.startswith(prefix) or name == "PARTICIPA_INSTANCE_PATH":
            continue
        key = name[len(prefix) :]
        app.config[key] = _coerce(raw, app.config.get(key))


def load(app: Flask, test_config: dict[str, Any] | None = None) -> None:
    for key in dir(Defaults):
        if key.isupper():
            app.config[key] = getattr(Defaults, key)
    app.config.from_pyfile("config.py", silent=True)
    _from_environment(app)
    if test_config:
        app.config.update(test_config)
    finish(app)


def finish(app: Flask) -> None:
    """Derive dependent settings and refuse unsafe production configurations."""
    cfg = app.config
    os.makedirs(app.instance_path, exist_ok=True)
    url = cfg.get("SQLALCHEMY_DATABASE_URI") or cfg.get("DATABASE_URL")
    if not url:
        url = "sqlite:///" + os.path.join(app.instance_path, "participa.db")
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    cfg["SQLALCHEMY_DATABASE_URI"] = url
    if not cfg.get("MAIL_FILE_DIR"):
        cfg["MAIL_FILE_DIR"] = os.path.join(app.instance_path, "mail")
    languages = cfg["LANGUAGES"]
    if not languages or languages[0] != "es":
        raise RuntimeError("LANGUAGES must start with 'es', the source language.")
    if cfg["PRODUCTION"]:
        if cfg["SECRET_KEY"] == DEFAULT_SECRET_KEY or len(str(cfg["SECRET_KEY"])) < 32:
            raise RuntimeError(
                "Refusing to start in production with the default or a short SECRET_KEY: "
                "set PARTICIPA_SECRET_KEY to a random string of 32 characters or more."
            )
        _require_base_url(cfg)
        cfg["SESSION_COOKIE_SECURE"] = True
        cfg["REMEMBER_COOKIE_SECURE"] = True
        cfg["LANGUAGE_COOKIE_SECURE"] = True
        cfg["PREFERRED_URL_SCHEME"] = "https"
    cfg["BASE_URL"] = _base_url(cfg.get("BASE_URL") or DEFAULT_BASE_URL)
    cfg["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=cfg["SESSION_ABSOLUTE_SECONDS"])
    require_totp = cfg.get("REQUIRE_ADMIN_TOTP")
    if require_totp is None:
        cfg["REQUIRE_ADMIN_TOTP"] = bool(cfg["PRODUCTION"])
    elif isinstance(require_totp, str):  # from the environment, where the default is None
        cfg["REQUIRE_ADMIN_TOTP"] = require_totp.strip().lower() in _TRUE


def _require_base_url(cfg: Any) -> None:
    base = str(cfg.get("BASE_URL") or "")
    if not base or urlsplit(base).scheme != "https":
        raise RuntimeError(
            "Refusing to start in production without BASE_URL: set PARTICIPA_BASE_URL to the "
            "site's public https address (e.g. https://participa.example.gt); the links in "
            "e-mails are built from it, never from the request's Host header."
        )


def _base_url(base: str) -> str:
    """``base`` without its final slash, once it is an http(s) address of a host alone."""
    parts = urlsplit(base)
    if (parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
            or parts.path not in ("", "/") or parts.query or parts.fragment):
        raise RuntimeError(
            f"BASE_URL must be the site's address, a scheme and a host only "
            f"(e.g. https://participa.example.gt), not {base!r}."
        )
    return base.rstrip("/")
