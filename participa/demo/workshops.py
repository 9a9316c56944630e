"""A consultation held in person in the demo (issue 19): a workshop of the demo round in the
municipality of Totonicapán, held two days before the load (in the round's proposals
phase), in Spanish and K'iche', with the people counted by sector, and four proposals that
staff typed from its paper forms.

The proposals are Spanish text and say so (``language="es"``): what was said in K'iche' was
written down in Spanish by the workshop's team, as the proposals tell. The demo holds no
Mayan text (nobody invents one; docs/decisions.md). Illustrative: the workshop, its counts
and its proposals are made up for the demo, not the MTGA's record. Written without audit
events, like the rest of the demo: nobody acted."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..accounts.models import Sector, User
from ..base.extensions import db
from ..base.time import to_local, utcnow
from ..consultations.models import ConsultationRound
from ..proposals.models import OgpValue
from ..proposals.services import enter_workshop_proposal
from ..workshops.models import Workshop, WorkshopParticipants
from . import proposal_data as round_data

TITLE = "Consulta de Totonicapán"
DEPARTMENT, MUNICIPALITY = "08", "0801"  # INE: Totonicapán, Totonicapán
DAYS_AGO = 2
PLACE = "Salón municipal de Totonicapán"
LANGUAGES = "es quc"
FACILITATORS = ("Equipo de Gobierno Abierto de la SEGEPLAN; una facilitadora y un intérprete "
                "comunitario de K'iche' y español")
# (sector, total, women, men): women and men where they were counted.
PARTICIPANTS = (
    (Sector.CIUDADANIA, 38, 21, 17),
    (Sector.SOCIEDAD_CIVIL, 7, 4, 3),
    (Sector.INSTITUCION_PUBLICA, 4, None, None),
)
TAKEN_DOWN = ("Propuesta dicha en K'iche' durante el taller; el equipo del taller la anotó en "
              "español en el formulario en papel.")

# (axis, values, sector as written on paper, title, problem, proposed commitment, benefit,
# institution)
PROPOSALS = (
    (round_data.PARTICIPATION, (OgpValue.PARTICIPATION,), Sector.CIUDADANIA,
     "Información del presupuesto municipal en K'iche' y en la radio comunitaria",
     "La información del presupuesto municipal solo se publica en español y en internet; "
     "en las aldeas muchas personas hablan K'iche' y no tienen conexión. " + TAKEN_DOWN,
     "Publicar cada año un resumen del presupuesto municipal traducido al K'iche' por "
     "traductores de la comunidad, y leerlo en la radio comunitaria.",
     "Las comunidades sabrían en qué se gasta y podrían pedir cuentas en su idioma.",
     "Municipalidad de Totonicapán"),
    (round_data.ACCOUNTABILITY, (OgpValue.ACCOUNTABILITY, OgpValue.TRANSPARENCY),
     Sector.SOCIEDAD_CIVIL,
     "Rendición de cuentas de las obras en asamblea comunitaria",
     "Las obras de las aldeas se anuncian pero no se sabe cuánto costaron ni cuándo se "
     "terminan.",
     "Que la municipalidad y los consejos de desarrollo presenten cada seis meses, en "
     "asamblea comunitaria, el avance y el costo de cada obra, con intérprete.",
     "La comunidad vigila las obras y los atrasos se conocen a tiempo.",
     "Consejo Departamental de Desarrollo de Totonicapán"),
    (round_data.INFO, (OgpValue.TRANSPARENCY,), Sector.CIUDADANIA,
     "Oficina de acceso a la información con atención en K'iche'",
     "Para pedir información pública hay que escribir en español; quien solo habla K'iche' "
     "no puede hacer su solicitud. " + TAKEN_DOWN,
     "Que la unidad de información pública municipal reciba solicitudes de palabra, con "
     "personal que hable K'iche', y las anote en el sistema.",
     "Más personas podrían ejercer su derecho de acceso a la información.",
     "Municipalidad de Totonicapán"),
    (round_data.TECH, (OgpValue.TECHNOLOGY, OgpValue.PARTICIPATION), Sector.ACADEMIA,
     "Consultas públicas también por mensaje de texto",
     "En las aldeas la conexión a internet es escasa, pero casi todos tienen teléfono.",
     "Abrir un número para enviar propuestas y comentarios por mensaje de texto durante las "
     "consultas del plan de gobierno abierto.",
     "Participarían personas que hoy no pueden usar la plataforma.",
     "Secretaría de Planificación y Programación de la Presidencia"),
)


def load_workshop(users: list[User]) -> str:
    """Record the workshop and enter its proposals, once; nothing when the demo round is
    missing."""
    round = db.session.scalar(sa.select(ConsultationRound).where(
        ConsultationRound.title == round_data.ROUND_TITLE))
    if round is None:
        return "Taller: no está la consulta de demostración."
    if db.session.scalar(sa.select(Workshop.id).where(Workshop.round_id == round.id,
                                                      Workshop.title == TITLE)) is not None:
        return "Taller: ya estaba registrado."
    staff = next(user for user in users if user.is_moderator)
    now = utcnow()
    workshop = Workshop(
        round=round, title=TITLE, held_on=to_local(now).date() - timedelta(days=DAYS_AGO),
        department_code=DEPARTMENT, municipality_code=MUNICIPALITY, place=PLACE,
        languages=LANGUAGES, facilitators=FACILITATORS, created_by=staff, created_at=now,
        participants=[WorkshopParticipants(sector=sector, total=total, women=women, men=men)
                      for sector, total, women, men in PARTICIPANTS])
    db.session.add(workshop)
    db.session.flush()
    axes = {axis.name: axis for axis in round.plan.axes}
    for axis, values, sector, title, problem, commitment, benefit, institution in PROPOSALS:
        enter_workshop_proposal(
            staff=staff, workshop=workshop, sector=sector, axis=axes.get(axis),
            values=values, language="es", now=now, audited=False, title=title,
            problem=problem, proposed_commitment=commitment, benefit=benefit,
            institution=institution)
    return (f"Taller en Totonicapán: {sum(line[1] for line in PARTICIPANTS)} participantes y "
            f"{len(PROPOSALS)} propuestas registradas por el equipo.")
