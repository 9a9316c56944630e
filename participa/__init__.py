"""Participa: co-creation of Guatemala's Open Government National Action Plans."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from .base import ROOT
from .web.transaction import Participa

__all__ = ["ROOT", "create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    instance_path = os.environ.get("PARTICIPA_INSTANCE_PATH") or str(ROOT / "instance")
    app = Participa(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from .base import config
    from .web.converters import IdConverter

    config.load(app, test_config)
    app.url_map.converters["int"] = IdConverter

    from .base import extensions
    from .i18n import selection as i18n
    from .web import errors, fragments, layout, security, static_files

    extensions.register(app)
    i18n.register(app)
    security.register(app)
    static_files.register(app)
    errors.register(app)
    layout.register(app)
    fragments.register(app)
    register_blueprints(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def register_blueprints(app: Flask) -> None:
    from . import (
        accounts,
        admin,
        assessments,
        comments,
        consolidation,
        consultations,
        content_translation,
        core,
        files,
        forum,
        moderation,
        notifications,
        organizations,
        personal_data,
        plans,
        proposals,
        publication,
        recordings,
        repository,
        search,
        stats,
        tracking,
        translation,
        voting,
        workshops,
    )
    from .admin import audit_views

    for blueprint in (
        core.bp,
        files.bp,
        accounts.bp,
        organizations.bp,
        admin.bp,
        audit_views.bp,
        plans.bp,
        plans.api_bp,
        consultations.bp,
        consultations.admin_bp,
        consultations.api_bp,
        publication.bp,
        workshops.bp,
        forum.bp,
        forum.api_bp,
        stats.bp,
        proposals.bp,
        proposals.api_bp,
        voting.bp,
        comments.bp,
        comments.api_bp,
        notifications.bp,
        consolidation.bp,
        consolidation.public_bp,
        moderation.bp,
        moderation.public_bp,
        personal_data.bp,
        search.bp,
        translation.bp,
        recordings.bp,
        translation.public_bp,
        tracking.bp,
        assessments.bp,
        assessments.api_bp,
        content_translation.bp,
        content_translation.api.api_bp,
        tracking.api_bp,
        repository.bp,
        repository.api_bp,
    ):
        app.register_blueprint(blueprint)


def register_commands(app: Flask) -> None:
    """``flask translate``, ``users``, ``demo``, ``plans``, ``proposals``, ``voting``, ``bench``,
    ``mail``, ``db-backup`` and ``db-restore``."""
    from .accounts.cli import users
    from .base.backup import db_backup_command, db_restore_command
    from .bench.cli import bench
    from .demo.cli import demo
    from .forum.cli import forum
    from .i18n.cli import translate
    from .notifications.cli import mail
    from .plans.cli import plans
    from .proposals.cli import proposals
    from .tracking.cli import tracking
    from .translation import cli as translation_cli  # noqa: F401  (adds its commands)
    from .voting.cli import voting

    for command in (translate, users, demo, plans, proposals, voting, tracking, bench, mail,
                    forum,
                    db_backup_command, db_restore_command):
        app.cli.add_command(command)


def register_template_helpers(app: Flask) -> None:
    """Every Jinja filter and global, in one place. They format what a view gave the page;
    none queries the database or reads the request.
    What a page shows is gathered by its view, and an upper feature's part of a lower page
    comes through a declared slot (``web.slots``)."""
    from .accounts.blocking import blocked_message
    from .base.time import iso_utc
    from .content import visibility
    from .content.language import lang_attribute
    from .content.textfmt import linkify
    from .files.services import size_text
    from .i18n.dates import compact_local, day_text, format_local, month_text, time_local
    from .i18n.marking import said
    from .moderation.services import reason_text
    from .notifications.services import message_for
    from .organizations.links import web_url
    from .plans.template_sections import SECTIONS
    from .web.fragments import page_part

    app.jinja_env.filters.update(
        gt_datetime=format_local,  # "15 de marzo de 2026, 09:00" in Guatemala time
        gt_time=time_local,  # "09:00" (English "9:00 AM")
        gt_compact=compact_local,  # "5 mar 2026, 09:00", for tables
        # "2026-03-15T15:00:00Z": the one form of <time datetime="...">, a valid HTML
        # date-time (UTC, whole seconds; isoformat() wrote six fractional digits).
        iso_utc=iso_utc,
        month_text=month_text,
        day_text=day_text,
        linkify=linkify,  # people's plain text with line breaks and links
        file_size=size_text,  # "1,5 MB": an uploaded file's size, in the reader's numbers
        lang_of=lang_attribute,  # ' lang="quc"': the language a proposal or comment is in
        said=said,  # a message a view made, marked with its language while a page renders
        web_url=web_url,
        moderation_reason=reason_text,  # a stored reason (the automatic one translated)
    )
    app.jinja_env.globals.update(
        # The moderation state of an item and who reads its text: pure functions of the
        # item and the person (``visibility.can_see_text(current_user, item)``).
        visibility=visibility,
        template_sections=SECTIONS,
        blocked_message=blocked_message,  # why a blocked person cannot take part, until when
        notification_text=message_for,  # a notification's text in the current language
        # The layout's parts that show nothing of the person, rendered once and kept.
        page_part=page_part,
    )
