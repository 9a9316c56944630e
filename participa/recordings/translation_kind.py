"""A recording as content translation sees it (``content_translation.kinds``, kind
``recording``): what it says, in another language. The translator listens and writes it;
the original text is its transcript, often empty (a proposal received as a recording has
none), so the translation is required whatever the transcript holds.

A proposal received as a recording opens a request for its Spanish translation when it is
submitted (``services.submit_recorded_proposal``): it waits for the MTGA's approval, and the
MTGA judges it by what it says. While it waits, its recording is open to its language's
translators (``Source.before_public``), not to the public. docs/decisions.md, "A recorded
proposal's translation"."""

from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..base.extensions import db
from ..content.visibility import ModerationState
from ..content_translation.kinds import Field, Kind, Source, register
from ..notifications.services import path_for
from ..proposals.models import Proposal, Response
from .models import TRANSCRIPT_MAX, Recording, Target

RECORDING = "recording"


def _label(recording: Recording, proposal: Proposal | None, response: Response | None) -> str:
    if proposal is not None:
        return str(_l("Propuesta grabada %(proposal)s", proposal=proposal.label))
    if response is not None:
        return str(_l("Grabación de la respuesta a %(reference)s",
                      reference=response.proposal.reference))
    return str(_l("Grabación %(number)d (%(target)s)", number=recording.id,
                  target=recording.target.label))


def _recordings(ids: Collection[int]) -> dict[int, Source]:
    """The recordings with their proposal or response, in one statement."""
    rows = db.session.execute(
        sa.select(Recording, Proposal, Response)
        .outerjoin(Proposal, sa.and_(Recording.target == Target.PROPOSAL,
                                     Proposal.id == Recording.target_id))
        .outerjoin(Response, sa.and_(Recording.target == Target.RESPONSE,
                                     Response.id == Recording.target_id))
        .where(Recording.id.in_(list(ids)))
        .options(joinedload(Response.proposal))
    ).all()
    found: dict[int, Source] = {}
    for recording, proposal, response in rows:
        visible = recording.moderation_state == ModerationState.VISIBLE
        public = visible
        before_public = False
        if recording.target == Target.PROPOSAL:
            state = proposal.moderation_state if proposal is not None else None
            public = visible and state == ModerationState.VISIBLE
            before_public = visible and state == ModerationState.PENDING
        elif recording.target == Target.RESPONSE:
            public = visible and response is not None and response.is_published
        found[recording.id] = Source(
            kind=RECORDING, id=recording.id, language=recording.language,
            texts={"transcript": recording.transcript or ""},
            label=_label(recording, proposal, response),
            path=path_for("recordings.show", recording_id=recording.id),
            owner_ids=frozenset({recording.created_by_id} - {None}),
            public=public, before_public=before_public,
            audio_url=path_for("files.serve", file_id=recording.file_id),
            extra={"target": recording.target.value, "target_id": recording.target_id},
        )
    return found


register(Kind(RECORDING, _l("Grabación"), (
    Field("transcript", _l("Lo que dice la grabación"), max_length=TRANSCRIPT_MAX,
          required=True),
), _recordings))
