"""Interface language selection.

Two things are kept apart (see shared LANGUAGES.md): the *interface language* (es, quc, kek,
cak, mam, en, ...), which picks the gettext catalog and ``<html lang>``, and the *format
locale* of dates and numbers, a property of the language (``Language.format_locale``): es_GT
for Spanish, Babel's ``en`` for English, and for the Mayan languages their own code, an es_GT
alias in Babel (``babel_locales``). Flask-Babel's locale is the format locale: it finds the
catalog translations/<code> for every language but Spanish (es_GT has none: the source).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Domain, force_locale, get_locale, get_timezone
from flask_login import current_user

from ..base import ROOT
from ..base.availability import database_unavailable
from ..base.extensions import babel
from . import (
    babel_locales,  # noqa: F401  (registers the Mayan locales with Babel first)
    coverage,
    live,
)
from .languages import BY_CODE, FORMAT_LOCALE, Language, format_locale
from .links import ARGUMENT, LanguageLinks
from .marking import MarkingTemplate, in_format_language, marked
from .page_lang import register as register_page_lang

SESSION_KEY = "lang"
# The signed-in person's language from her profile, remembered in the session: the language of
# an answer given while the database does not answer (``base.availability``).
PROFILE_KEY = "lang_profile"


def enabled_codes() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def enabled_languages() -> list[Language]:
    return [BY_CODE[code] for code in enabled_codes()]


def language_choices() -> list[tuple[str, str]]:
    """The enabled languages as a menu's choices: (code, the language's own name)."""
    return [(lang.code, lang.autonym) for lang in enabled_languages()]


def is_enabled(code: str | None) -> bool:
    return bool(code) and code in current_app.config["LANGUAGES"]


def chosen_language() -> str | None:
    """The language the visitor chose with a link: this request's ``?lang=``, else the
    language cookie (a plain cookie, so that choosing opens no session: issue 20), else one
    remembered in the session by an earlier version (a session that existed before)."""
    linked = g.get("linked_language")
    if linked:
        return linked
    cookie = request.cookies.get(current_app.config["LANGUAGE_COOKIE_NAME"])
    if is_enabled(cookie):
        return cookie
    remembered = session.get(SESSION_KEY) if request.cookies else None
    return remembered if is_enabled(remembered) else None


def sets_language_cookie() -> bool:
    """Whether this request's answer sets the language cookie (a link to a language other
    than the one the cookie holds): an answer for this visitor only."""
    linked = g.get("linked_language")
    return bool(linked) and request.cookies.get(
        current_app.config["LANGUAGE_COOKIE_NAME"]) != linked


def interface_language() -> str:
    """The explicit choice (a link, kept in a cookie), then the profile, then
    Accept-Language, then Spanish."""
    forced = g.get("forced_language") if has_app_context() else None
    if forced:
        return forced
    if not has_request_context():
        return "es"
    chosen = chosen_language()
    if chosen:
        return chosen
    profile = _profile_language()
    if profile:
        return profile
    best = request.accept_languages.best_match(enabled_codes())
    return best or "es"


def language_name(code: str) -> str:
    """A language's name in a sentence for the reader, in her interface language
    (``Language.name_in``); an unknown code as it is."""
    language = BY_CODE.get(code)
    return language.name_in(interface_language()) if language is not None else code


def _profile_language() -> str | None:
    """The signed-in person's preferred language, remembered in the session; while the
    database does not answer, the remembered one (her row cannot be read)."""
    if database_unavailable():
        remembered = session.get(PROFILE_KEY) if "_user_id" in session else None
        return remembered if is_enabled(remembered) else None
    if not (current_user and current_user.is_authenticated):
        return None
    preferred = current_user.preferred_language
    if not is_enabled(preferred):
        session.pop(PROFILE_KEY, None)
        return None
    if session.get(PROFILE_KEY) != preferred:
        session[PROFILE_KEY] = preferred
    return preferred


def babel_locale(code: str) -> str:
    return format_locale(code)


def language_of(locale: object) -> str:
    """The interface language of a Babel locale chosen by ``babel_locale``."""
    code = str(locale)
    return "es" if code == FORMAT_LOCALE else code


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Render in one person's language (e-mails, notifications), whatever the request's."""
    code = code if code and is_enabled(code) else "es"
    previous = g.get("forced_language")
    g.forced_language = code
    try:
        with force_locale(babel_locale(code)):
            yield code
    finally:
        g.forced_language = previous


def _select_locale() -> str:
    return babel_locale(interface_language())


def _select_timezone() -> str:
    return current_app.config["TIMEZONE"]


class RequestDomain(Domain):
    """Flask-Babel's message domain, remembering the request's translations: each lookup
    otherwise resolves the context, the locale and its identifier again (a list page asks a
    hundred times). The memo is keyed by the locale object itself, so ``force_locale`` (an
    e-mail in another language) gets its own translations and the request's afterwards. While
    an HTML page renders in another language than Spanish they come marked (``marking``)."""

    def get_translations(self):
        locale = get_locale()
        if locale is None:
            return super().get_translations()
        memo = g.get("_translations_memo")
        if memo is not None and memo[0] is locale:
            return memo[1]
        translations = marked(
            locale, live.with_approved(language_of(locale), super().get_translations()))
        g._translations_memo = (locale, translations)
        return translations


def memoized_format(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` (a Flask-Babel date formatter, or one built on them) remembering its
    answers per value, arguments, locale and time zone: Babel's formatting costs tens of
    microseconds, and a page shows the same dates again and again."""

    @lru_cache(maxsize=8192)
    def remembered(value, args: tuple, locale: str, zone: str) -> str:  # noqa: ARG001
        # locale and zone are part of the key: the function reads them from the request.
        return function(value, *args)

    def formatted(value=None, *args) -> str:
        if value is None:
            return function(value, *args)
        return remembered(value, args, str(get_locale()), str(get_timezone()))

    formatted.__doc__ = function.__doc__
    return formatted


def register(app: Flask) -> None:
    unknown = [code for code in app.config["LANGUAGES"] if code not in BY_CODE]
    if unknown:
        raise RuntimeError(f"LANGUAGES names unknown language codes: {unknown}")
    not_capable = [c for c in app.config["LANGUAGES"] if not BY_CODE[c].catalog_capable]
    if not_capable:
        raise RuntimeError(f"These languages have no ISO code for a catalog yet: {not_capable}")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.config["BABEL_DEFAULT_LOCALE"] = FORMAT_LOCALE
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=_select_timezone)
    babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    app.jinja_env.template_class = MarkingTemplate
    register_page_lang(app)
    for name in ("dateformat", "datetimeformat", "timeformat"):
        app.jinja_env.filters[name] = in_format_language(
            memoized_format(app.jinja_env.filters[name]))

    @app.before_request
    def choose_language_first() -> None:
        """Choose the request's language before the view: it reads the signed-in person's
        preference, and chosen lazily after a view's commit it would load their row again.
        A language link (``?lang=quc`` on any page) is the visit's choice from now on; an
        unknown or disabled code is ignored."""
        linked = request.args.get(ARGUMENT)
        if linked and is_enabled(linked):
            g.linked_language = linked
        get_locale()

    @app.after_request
    def keep_the_linked_language(response):
        """The language of a link is kept in a plain cookie (never the session: a visitor
        who has not signed in gets none), set only when it changes."""
        if sets_language_cookie():
            response.set_cookie(
                app.config["LANGUAGE_COOKIE_NAME"], g.linked_language,
                max_age=app.config["LANGUAGE_COOKIE_DAYS"] * 86400,
                secure=app.config["LANGUAGE_COOKIE_SECURE"], httponly=True, samesite="Lax")
        return response

    @app.context_processor
    def inject_languages() -> dict[str, object]:
        current = interface_language()
        languages = enabled_languages()
        return {
            "interface_language": current,
            "enabled_languages": languages,
            "language_links": LanguageLinks(languages, current),
            # How much of the interface each language translates (the language menu).
            "language_coverage": coverage.Shares(),
        }
