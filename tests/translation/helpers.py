"""The catalog template in the test database, and its messages by Spanish text."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.i18n import cli
from participa.translation import catalog
from participa.translation.models import SourceMessage


def synced() -> None:
    catalog.sync(catalog.read_template(cli.POT))
    db.session.commit()


def message_for(msgid: str, context: str | None = None) -> SourceMessage:
    return db.session.scalar(sa.select(SourceMessage).where(
        SourceMessage.key == catalog.message_key(context, msgid)))
