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


def test_the_global_translator_flag_becomes_roles_per_language(empty_db_url, tmp_path):
    """Whoever held users.is_translator translates each Mayan language enabled by default
    (without the review right) once the flag is gone; downgrading brings the flag back."""
    app = make_app(empty_db_url, tmp_path)
    with app.app_context():
        upgrade(revision="6ed6d83bbd25")
        with db.engine.begin() as conn:
            for n, flag in ((1, True), (2, False)):
                conn.execute(sa.text(
                    "INSERT INTO users (id, email, name, password_hash, sector, is_admin, "
                    "is_moderator, is_translator, notify_by_email, created_at, "
                    "password_changed_at, session_epoch, failed_login_count) VALUES (:id, "
                    ":email, 'Persona', '!', 'ciudadania', :f, :f, :t, :f, :now, :now, 0, 0)"),
                    {"id": n, "email": f"p{n}@example.org", "t": flag, "f": False,
                     "now": "2026-01-01 00:00:00"})
        upgrade()
        with db.engine.connect() as conn:
            roles = conn.execute(sa.text(
                "SELECT user_id, language, can_review, revoked_at FROM translator_roles "
                "ORDER BY language")).all()
            columns = {c["name"] for c in sa.inspect(conn).get_columns("users")}
        assert [(u, lang, bool(review), revoked) for u, lang, review, revoked in roles] == [
            (1, "cak", False, None), (1, "kek", False, None), (1, "mam", False, None),
            (1, "quc", False, None)]
        assert "is_translator" not in columns
        downgrade(revision="6ed6d83bbd25")
        with db.engine.connect() as conn:
            flags = conn.execute(sa.text("SELECT id, is_translator FROM users ORDER BY id")).all()
        assert [(i, bool(f)) for i, f in flags] == [(1, True), (2, False)]
        db.engine.dispose()


def test_rounds_with_votes_get_their_ballot(empty_db_url, tmp_path):
    """The ballot's migration stores the ballot of rounds that already had votes (their
    drafts and what was voted for); a round without votes gets none (its first vote will)."""
    app = make_app(empty_db_url, tmp_path)
    now = "2026-01-01 00:00:00"
    with app.app_context():
        upgrade(revision="3c5a8e1f7b2d")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO users (id, email, name, password_hash, sector, is_admin, "
                "is_moderator, notify_by_email, created_at, password_changed_at, session_epoch, "
                "failed_login_count) VALUES (1, 'p@example.org', 'Persona', '!', 'ciudadania', "
                ":f, :f, :f, :now, :now, 0, 0)"), {"f": False, "now": now})
            conn.execute(sa.text(
                "INSERT INTO action_plans (id, number, title, start_year, end_year, status, "
                "created_at) VALUES (1, 6, 'Sexto Plan', 2026, 2028, 'en_consulta', :now)"),
                {"now": now})
            for round_id in (1, 2):
                conn.execute(sa.text(
                    "INSERT INTO consultation_rounds (id, plan_id, title, max_votes_per_user, "
                    "results_visibility, created_at) VALUES (:id, 1, 'Consulta', 3, "
                    "'al_cierre', :now)"), {"id": round_id, "now": now})
            # Round 1: two drafts, one withdrawn from the drafts after it got a vote, one
            # active commitment nobody voted for. Round 2: a draft, no votes.
            for cid, round_id, status in ((1, 1, "borrador"), (2, 1, "borrador"),
                                          (3, 1, "inactivo"), (4, 1, "activo"),
                                          (5, 2, "borrador")):
                conn.execute(sa.text(
                    "INSERT INTO commitments (id, plan_id, round_id, number, title, status, "
                    "vote_count, created_at) VALUES (:id, 1, :r, :id, 'C', :s, 0, :now)"),
                    {"id": cid, "r": round_id, "s": status, "now": now})
            for cid in (1, 3):
                conn.execute(sa.text(
                    "INSERT INTO votes (round_id, commitment_id, user_id, created_at) "
                    "VALUES (1, :c, 1, :now)"), {"c": cid, "now": now})
        upgrade()
        with db.engine.connect() as conn:
            entries = conn.execute(sa.text(
                "SELECT round_id, commitment_id FROM ballot_entries ORDER BY commitment_id"
            )).all()
        assert [tuple(e) for e in entries] == [(1, 1), (1, 2), (1, 3)]
        downgrade(revision="3c5a8e1f7b2d")
        db.engine.dispose()
