"""The demo's recorded audio: a short recording on the demo draft commitment, so `make run`
shows the player, the transcript page and the moderators' hide. The sound is a tone made here
(a WAV of three seconds), not a voice, and its transcript says so; no audit event, as no
moderator recorded it."""

from __future__ import annotations

import io
import math
import struct
import wave

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..files.services import store_bytes
from ..files.sniffing import sniff
from ..plans.models import Commitment
from ..recordings.models import OWNER, Recording, Target

TRANSCRIPT = ("Demostración: esta grabación es un tono de tres segundos, no una voz. Aquí iría "
              "el resumen hablado del compromiso, en el idioma de la grabación.")


def tone(seconds: int = 3, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(b"".join(
            struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * n / rate)))
            for n in range(seconds * rate)))
    return out.getvalue()


def load_recording(*, commitment: Commitment | None, author: User | None) -> int:
    """1 when the recording was added, 0 when there is one already or no commitment."""
    if commitment is None or db.session.scalar(sa.select(Recording.id).limit(1)) is not None:
        return 0
    data = tone()
    file = store_bytes(data, sniff(data), name="resumen-demostracion.wav", user=author,
                       owner=OWNER)
    db.session.add(Recording(file=file, target=Target.COMMITMENT, target_id=commitment.id,
                             language="es", transcript=TRANSCRIPT, duration_seconds=3,
                             created_by_id=author.id if author else None))
    db.session.flush()
    return 1
