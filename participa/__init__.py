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

    config.load(app, test_config)

    from . import cli, errors, extensions, i18n, security

    extensions.register(app)
    i18n.register(app)
    security.register(app)
    errors.register(app)
    register_blueprints(app)
    cli.register(app)
    return app


def register_blueprints(app: Flask) -> None:
    from .accounts import bp as accounts_bp
    from .admin import bp as admin_bp
    from .core import bp as core_bp
    from .organizations import bp as organizations_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(organizations_bp)
    app.register_blueprint(admin_bp)
