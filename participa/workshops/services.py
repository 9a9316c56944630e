"""Recording a workshop. It flushes and audits; the view commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ..accounts.models import Sector, User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..base.time import local_zone, utcnow
from ..consultations.models import ConsultationRound
from ..content.text import checked
from ..i18n.languages import BY_CODE
from ..territory import checked_place
from . import permissions
from .models import (
    FACILITATORS_MAX,
    PARTICIPANTS_MAX,
    PLACE_MAX,
    TITLE_MAX,
    Workshop,
    WorkshopParticipants,
)

# The languages a workshop may be held in: the national languages of the registry.
WORKSHOP_LANGUAGES = [code for code in BY_CODE if code != "en"]


@dataclass(frozen=True)
class Count:
    """The people of one sector: ``total``, and ``women`` and ``men`` where counted."""

    sector: Sector
    total: int | None
    women: int | None = None
    men: int | None = None


def _checked_count(count: Count) -> WorkshopParticipants | None:
    field = f"total_{count.sector.value}"
    if count.total is None and count.women is None and count.men is None:
        return None
    total = count.total
    if total is None:
        total = (count.women or 0) + (count.men or 0)
    for value in (total, count.women, count.men):
        if value is not None and not 0 <= value <= PARTICIPANTS_MAX:
            raise Invalid(_l("Escriba un número entre 0 y %(max)s.", max=PARTICIPANTS_MAX),
                          field=field)
    women, men = count.women, count.men
    if (women is None) != (men is None):
        raise Invalid(_l("Escriba mujeres y hombres, o ninguno de los dos si no se contó."),
                      field=f"women_{count.sector.value}")
    if women is not None and women + men > total:
        raise Invalid(_l("Mujeres y hombres suman más que el total del sector."),
                      field=field)
    return WorkshopParticipants(sector=count.sector, total=total, women=women, men=men)


def _languages(codes: Iterable[str]) -> str:
    chosen = [code for code in WORKSHOP_LANGUAGES if code in set(codes)]
    if not chosen or len(chosen) != len(set(codes)):
        raise Invalid(_l("Elija al menos uno de los idiomas de la lista."), field="languages")
    return " ".join(chosen)


def record_workshop(
    *,
    staff: User,
    round: ConsultationRound,
    title: str,
    held_on: date | None,
    department_code: str | None,
    municipality_code: str | None,
    place: str,
    languages: Iterable[str],
    facilitators: str = "",
    counts: Iterable[Count] = (),
    now: datetime | None = None,
) -> Workshop:
    """Record a workshop held in person for ``round``: on a day that has come (in
    Guatemala), in a municipality of its department, in the languages of the registry, with
    at least one person counted."""
    now = now or utcnow()
    enforce(permissions.record_refusal(staff))
    title = checked((title or "").strip(), field="title", maximum=TITLE_MAX)
    place = checked((place or "").strip(), field="place", maximum=PLACE_MAX)
    facilitators = checked((facilitators or "").strip(), field="facilitators",
                           maximum=FACILITATORS_MAX, missing=None)
    if held_on is None:
        raise Invalid(_l("Escriba la fecha del taller."), field="held_on")
    if held_on > now.astimezone(local_zone()).date():
        raise Invalid(_l("Un taller se registra cuando ya se hizo: la fecha no puede ser "
                         "futura."), field="held_on")
    department_code, municipality_code = checked_place(department_code, municipality_code,
                                                       required=True)
    if municipality_code is None:
        raise Invalid(_l("Elija el municipio."), field="municipality_code")
    lines = [line for line in map(_checked_count, counts) if line is not None]
    if sum(line.total for line in lines) == 0:
        raise Invalid(_l("Cuente a las personas que participaron, al menos en un sector."),
                      field=f"total_{Sector.CIUDADANIA.value}")
    workshop = Workshop(
        round=round, title=title, held_on=held_on, department_code=department_code,
        municipality_code=municipality_code, place=place, languages=_languages(languages),
        facilitators=facilitators or "", created_by=staff, created_at=now, participants=lines,
    )
    db.session.add(workshop)
    db.session.flush()
    record(actor=staff, action="workshop.record", target=workshop, after={
        "round_id": round.id, "held_on": held_on.isoformat(), "place": workshop.place_name,
        "languages": workshop.languages,
        "participants": {line.sector.value: line.total for line in lines},
    })
    return workshop
