"""Attaching a recording (a translator of its language or the MTGA) and hiding one (the
moderation): both audited. Limits: ``AUDIO_MAX_BYTES`` (15 MB) and ``AUDIO_MAX_SECONDS``
(10 minutes), docs/decisions.md, "Recorded audio"."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..content.language import checked_language
from ..content.text import checked
from ..content_translation.services import request_translation
from ..files.services import check_upload, store_bytes
from ..files.sniffing import FileKind, Sniffed
from ..plans.models import Axis
from ..proposals import services as proposals
from ..proposals.models import Proposal
from .durations import duration_seconds
from .models import OWNER, TRANSCRIPT_MAX, Recording, Target
from .permissions import attach_refusal, hide_refusal
from .translation_kind import RECORDING

FIELD = "grabacion"
SPANISH = "es"  # the MTGA's language: a recorded proposal is translated into it


def limits() -> tuple[int, int]:
    """(bytes, seconds) a recording may have, from the configuration."""
    config = current_app.config
    return int(config["AUDIO_MAX_BYTES"]), int(config["AUDIO_MAX_SECONDS"])


def clock_text(seconds: float) -> str:
    """``10:00``, ``0:03``: a length in minutes and seconds, the same in every language."""
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


def checked_audio(upload: Any) -> tuple[bytes, Sniffed, float]:
    """The upload's bytes, type and length in seconds: audio within the limits, or the
    refusal on the file's field (nothing stored)."""
    max_bytes, max_seconds = limits()
    data, found = check_upload(upload, kinds=(FileKind.AUDIO,), max_bytes=max_bytes,
                               field=FIELD)
    seconds = duration_seconds(data, found.media_type)
    if seconds is None:
        raise Invalid(_l("No se pudo leer la duración de la grabación: guárdela de nuevo como "
                         "Opus, MP3 o M4A y vuelva a enviarla."), field=FIELD)
    if seconds > max_seconds:
        raise Invalid(_l("La grabación dura %(length)s y el límite es %(limit)s "
                         "(minutos:segundos).", length=clock_text(seconds),
                         limit=clock_text(max_seconds)), field=FIELD)
    return data, found, seconds


def attach_recording(*, actor: User, target: Target, target_id: int, language: str,
                     transcript: str, upload: Any) -> Recording:
    """Store ``upload`` (audio only, within the limits) as a recording of ``target`` in
    ``language``, with its transcript (may be empty). The fields are checked before the file
    is read, so a refusal names the first thing to fix."""
    language = checked_language(language, field="idioma_grabacion")
    enforce(attach_refusal(actor, language))
    transcript = checked(transcript or "", field="transcripcion", maximum=TRANSCRIPT_MAX,
                         missing=None) or ""
    data, found, seconds = checked_audio(upload)
    file = store_bytes(data, found, name=upload.filename, user=actor, owner=OWNER)
    recording = Recording(file=file, target=target, target_id=target_id, language=language,
                          transcript=transcript, duration_seconds=max(1, round(seconds)),
                          created_by_id=actor.id)
    db.session.add(recording)
    db.session.flush()
    record(actor=actor, action="recording.attach", target=recording,
           after={"target": target.value, "target_id": target_id, "language": language,
                  "file_id": file.id, "sha256": file.sha256})
    return recording


def hide_recording(*, moderator: User, recording: Recording, reason: str) -> None:
    """Hidden from the public with the reason; the recording and its file are kept."""
    enforce(hide_refusal(moderator))
    reason = checked(reason or "", field="reason", maximum=2000)
    before = recording.moderation_state.value
    recording.hide(reason, utcnow())
    db.session.flush()
    record(actor=moderator, action="recording.hide", target=recording,
           before={"state": before}, after={"state": recording.moderation_state.value,
                                            "reason": reason})


def submit_recorded_proposal(*, author: User, round: ConsultationRound, title: str,
                             language: str, axis: Axis | None, upload: Any) -> Proposal:
    """A participant's proposal sent as a recording in her language with a short title (issue
    18, item 4): the title, language and axis are checked first, then the file (audio within
    the limits); the proposal is created pending (``proposals.submit_recorded_proposal``),
    with its recording, public once the moderation approves the proposal
    (``recordings.file_access``). Audited: what arrived, in which language, which file."""
    proposals.check_recorded(author=author, round=round, title=title, axis=axis,
                             language=language)
    data, found, seconds = checked_audio(upload)
    proposal = proposals.submit_recorded_proposal(author=author, round=round, title=title,
                                                  axis=axis, language=language)
    file = store_bytes(data, found, name=upload.filename, user=author, owner=OWNER)
    recording = Recording(file=file, target=Target.PROPOSAL, target_id=proposal.id,
                          language=proposal.language, transcript="",
                          duration_seconds=max(1, int(seconds + 0.5)),
                          created_by_id=author.id)
    db.session.add(recording)
    db.session.flush()
    record(actor=author, action="proposal.submit_recorded", target=proposal,
           after={"reference": proposal.reference, "title": proposal.title,
                  "language": proposal.language, "recording_id": recording.id,
                  "file_id": file.id, "sha256": file.sha256,
                  "state": proposal.moderation_state.value})
    if recording.language != SPANISH:
        # The MTGA judges it by what it says: its translators write it in Spanish while it
        # waits (``translation_kind``), in her name (her text, her request).
        request_translation(requester=author, kind=RECORDING, item_id=recording.id,
                            language=SPANISH)
    return proposal
