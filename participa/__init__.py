"""Participa: co-creation of Guatemala's Open Government National Action Plans."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    instance_path = os.environ.get("PARTICIPA_INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from . import config
    from .converters import IdConverter

    config.load(app, test_config)
    app.url_map.converters["int"] = IdConverter

    from . import cli, errors, extensions, i18n, security, static_files

    extensions.register(app)
    i18n.register(app)
    security.register(app)
    static_files.register(app)
    errors.register(app)
    register_blueprints(app)
    cli.register(app)
    return app


def register_blueprints(app: Flask) -> None:
    from . import (
        accounts,
        admin,
        comments,
        consolidation,
        consultations,
        core,
        moderation,
        notifications,
        organizations,
        personal_data,
        plans,
        proposals,
        voting,
    )
    from .audit import views as audit_views

    for blueprint in (
        core.bp,
        accounts.bp,
        organizations.bp,
        admin.bp,
        audit_views.bp,
        plans.bp,
        plans.api_bp,
        consultations.bp,
        consultations.admin_bp,
        proposals.bp,
        proposals.api_bp,
        voting.bp,
        comments.bp,
        notifications.bp,
        consolidation.bp,
        consolidation.public_bp,
        moderation.bp,
        moderation.public_bp,
        personal_data.bp,
    ):
        app.register_blueprint(blueprint)
