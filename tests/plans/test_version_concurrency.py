"""Moderators saving the same draft at the same moment, through the real HTTP stack (a
threaded werkzeug server): one save wins, every other gets 409 with its text kept, version
numbers never repeat, and nothing answers 500. On SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from participa.base.extensions import db
from participa.plans.models import CommitmentVersion

from ..factories import audit_events, make_user
from ..proposals.test_concurrency import Browser, server  # noqa: F401
from .drafts import draft_with_versions, form_data

N = 8


def test_simultaneous_saves_from_the_same_base(app, server):  # noqa: F811
    with app.app_context():
        commitment_id = draft_with_versions(1).id
        emails = [make_user(email_address=f"mod{i}@example.org", is_moderator=True).email
                  for i in range(N)]
    path = f"/planes/compromisos/{commitment_id}/editar"
    browsers = []
    for email in emails:
        browser = Browser(server)
        browser.log_in(email)
        browsers.append((browser, browser.csrf(path)))

    barrier = threading.Barrier(N)
    results: list = [None] * N

    def save(index: int) -> None:
        browser, token = browsers[index]
        data = {**form_data(base=1, fields={"problem": f"Texto de la persona {index}."}),
                "csrf_token": token}
        barrier.wait(timeout=30)
        try:
            results[index] = browser.request("POST", path, data)
        except Exception as error:  # noqa: BLE001 - shown by the assertion
            results[index] = (repr(error), "")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for status, _page in results)
    assert statuses == [303] + [409] * (N - 1), statuses
    for index, (status, page) in enumerate(results):
        if status == 409:
            assert f"Texto de la persona {index}." in page  # the text is kept
    with app.app_context():
        numbers = db.session.scalars(
            sa.select(CommitmentVersion.number)
            .where(CommitmentVersion.commitment_id == commitment_id)
            .order_by(CommitmentVersion.number)
        ).all()
        assert numbers == [1, 2]
        assert len(audit_events("commitment.version")) == 2
