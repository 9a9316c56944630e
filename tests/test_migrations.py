"""The migrations build, from an empty database, exactly the schema of the models."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from participa.base.extensions import db, include_name

from .conftest import DBS, empty_database, make_app


@pytest.fixture(params=DBS)
def empty_db_url(request, tmp_path):
    yield from empty_database(request, request.param, tmp_path, "participa_migrations")


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_name": include_name},
        )
        return compare_metadata(context, db.metadata)


def test_upgrade_from_empty_to_head_equals_the_models(empty_db_url, tmp_path):
    app = make_app(empty_db_url, tmp_path)
    with app.app_context():
        upgrade()
        assert _differences(db.engine) == []
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"users", "organizations", "memberships", "audit_events"} <= tables
        db.engine.dispose()


def test_downgrade_to_base_and_up_again(empty_db_url, tmp_path):
    app = make_app(empty_db_url, tmp_path)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert _differences(db.engine) == []
        db.engine.dispose()


def test_migrated_audit_log_refuses_update_and_delete(empty_db_url, tmp_path):
    app = make_app(empty_db_url, tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO audit_events (created_at, action, target_type) "
                    "VALUES (:now, 'test.event', 'users')"
                ),
                {"now": "2026-01-01 00:00:00"},
            )
        for statement in (
            "UPDATE audit_events SET action = 'changed'",
            "DELETE FROM audit_events",
        ):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                with db.engine.begin() as conn:
                    conn.exec_driver_sql(statement)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT action FROM audit_events").scalar_one() == (
                "test.event"
            )
        db.engine.dispose()
