"""Configuration: defaults, instance/config.py, PARTICIPA_* variables, production safety."""

from __future__ import annotations

import pytest

from participa import create_app
from participa.base.config import DEFAULT_BASE_URL, DEFAULT_SECRET_KEY


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTICIPA_INSTANCE_PATH", str(tmp_path))
    return tmp_path


def test_defaults_use_sqlite_in_the_instance_folder(instance):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'participa.db'}"
    assert app.config["LANGUAGES"] == ["es", "quc", "kek", "cak", "mam", "en"]
    assert app.config["MAIL_BACKEND"] == "file"
    assert app.config["MAIL_FILE_DIR"] == str(instance / "mail")
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_instance_config_then_environment_override(instance, monkeypatch):
    (instance / "config.py").write_text(
        "MAIL_SERVER = 'smtp.instance.example'\nMAIL_PORT = 2525\nLANGUAGES = ['es', 'cak']\n"
    )
    app = create_app()
    assert app.config["MAIL_SERVER"] == "smtp.instance.example"
    assert app.config["LANGUAGES"] == ["es", "cak"]
    monkeypatch.setenv("PARTICIPA_MAIL_SERVER", "smtp.env.example")
    monkeypatch.setenv("PARTICIPA_MAIL_PORT", "587")
    monkeypatch.setenv("PARTICIPA_MAIL_USE_TLS", "true")
    monkeypatch.setenv("PARTICIPA_LANGUAGES", "es, quc, mam")
    monkeypatch.setenv("PARTICIPA_DATABASE_URL", "postgresql://u:p@db.example/participa")
    app = create_app()
    assert app.config["MAIL_SERVER"] == "smtp.env.example"
    assert app.config["MAIL_PORT"] == 587
    assert app.config["MAIL_USE_TLS"] is True
    assert app.config["LANGUAGES"] == ["es", "quc", "mam"]
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example/participa"


def test_production_refuses_the_default_secret_key(instance, monkeypatch):
    monkeypatch.setenv("PARTICIPA_PRODUCTION", "1")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
    monkeypatch.setenv("PARTICIPA_SECRET_KEY", "short")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
    monkeypatch.setenv("PARTICIPA_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("PARTICIPA_BASE_URL", "https://participa.example.gt")
    app = create_app()
    assert app.config["SECRET_KEY"] != DEFAULT_SECRET_KEY
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_unknown_or_uncatalogued_languages_are_refused(instance):
    with pytest.raises(RuntimeError, match="unknown"):
        create_app({"LANGUAGES": ["es", "xx"]})
    with pytest.raises(RuntimeError, match="ISO code"):
        create_app({"LANGUAGES": ["es", "agu-x-chalchit"]})
    with pytest.raises(RuntimeError, match="start with 'es'"):
        create_app({"LANGUAGES": ["cak"]})


def test_production_refuses_to_start_without_the_sites_address(instance, monkeypatch):
    monkeypatch.setenv("PARTICIPA_PRODUCTION", "1")
    monkeypatch.setenv("PARTICIPA_SECRET_KEY", "k" * 48)
    with pytest.raises(RuntimeError, match="BASE_URL"):
        create_app()
    monkeypatch.setenv("PARTICIPA_BASE_URL", "http://participa.example.gt")  # not https
    with pytest.raises(RuntimeError, match="BASE_URL"):
        create_app()
    monkeypatch.setenv("PARTICIPA_BASE_URL", "https://participa.example.gt/")
    assert create_app().config["BASE_URL"] == "https://participa.example.gt"


def test_the_sites_address_is_a_scheme_and_a_host(instance, monkeypatch):
    assert create_app().config["BASE_URL"] == DEFAULT_BASE_URL
    for wrong in ("participa.example.gt", "ftp://participa.example.gt",
                  "https://participa.example.gt/cuenta", "https://x@participa.example.gt",
                  "https://participa.example.gt/?a=1"):
        monkeypatch.setenv("PARTICIPA_BASE_URL", wrong)
        with pytest.raises(RuntimeError, match="BASE_URL"):
            create_app()
