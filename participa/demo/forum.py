"""The Mesa Técnica de Gobierno Abierto in the demo: a few of its member organisations with
their roles (the six observers named in the MTGA's own presentation,
../shared/seeds/002_104dd06cd3249c05.txt: OEA, AID, Counterpart Intl., OJ, MP and Centro
Carter), its rules of participation and two meetings with their minutes. Illustrative: the
meetings' dates, minutes and attendance are made up for the demo, not the MTGA's record."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..accounts.models import User
from ..base.extensions import db
from ..base.time import to_local, utcnow
from ..forum.models import ForumMeeting, ForumMember, ForumRole, ForumRules
from ..organizations.models import Organization

MEMBERS: tuple[tuple[str, ForumRole], ...] = (
    ("SEGEPLAN", ForumRole.INSTITUTION),
    ("GPAT", ForumRole.INSTITUTION),
    ("MINFIN", ForumRole.INSTITUTION),
    ("CGC", ForumRole.INSTITUTION),
    ("INE", ForumRole.INSTITUTION),
    ("AC", ForumRole.CIVIL_SOCIETY),
    ("ICEFI", ForumRole.CIVIL_SOCIETY),
    ("ASIES", ForumRole.CIVIL_SOCIETY),
    ("USAC", ForumRole.ACADEMIA),
    ("URL", ForumRole.ACADEMIA),
    ("OEA", ForumRole.OBSERVER),
    ("USAID", ForumRole.OBSERVER),
    ("Counterpart International", ForumRole.OBSERVER),
    ("OJ", ForumRole.OBSERVER),
    ("MP", ForumRole.OBSERVER),
    ("Centro Carter", ForumRole.OBSERVER),
)

RULES = """La Mesa Técnica de Gobierno Abierto es el espacio de diálogo y co-creación entre \
las instituciones públicas, la sociedad civil y la academia para los planes de acción de \
Gobierno Abierto; las entidades observadoras participan con voz y sin voto.

Se reúne al menos una vez cada seis meses, en sesión ordinaria convocada con quince días de \
anticipación; la agenda se publica con la convocatoria.

Cada organización miembro designa una persona titular y una suplente. Las decisiones se \
toman por consenso; cuando no se alcanza, por mayoría de las organizaciones presentes.

Las actas, la asistencia y los acuerdos de cada reunión se publican en esta página y en los \
datos abiertos."""

MEETINGS = (
    {
        "days_ago": 150,
        "place": "Salón de sesiones de la SEGEPLAN, 9a. calle 10-44, zona 1, Ciudad de Guatemala",
        "online": True,
        "agenda": "1. Verificación de asistencia y quórum\n2. Aprobación de la agenda\n"
                  "3. Metodología de co-creación del nuevo plan de acción\n"
                  "4. Calendario de consultas en los departamentos\n5. Varios",
        "minutes": "Se abrió la sesión con la presencia de las organizaciones listadas. "
                   "La SEGEPLAN presentó la metodología de co-creación: consulta en línea y "
                   "talleres presenciales en los departamentos, con formularios impresos "
                   "para las comunidades sin conexión.\n\nAcción Ciudadana pidió que las "
                   "propuestas recogidas en los talleres sigan el mismo proceso que las "
                   "recibidas en línea, con respuesta razonada a cada una. La OEA, como "
                   "observadora, recordó el estándar de OGP de reunirse al menos cada seis "
                   "meses con actas públicas.",
        "decisions": "Aprobar la metodología de co-creación con consulta en línea y talleres "
                     "presenciales.\nRealizar el primer taller en Totonicapán.\n"
                     "Publicar las actas de la Mesa Técnica en Participa.",
        "organizations": ("SEGEPLAN", "GPAT", "MINFIN", "AC", "ICEFI", "USAC", "OEA"),
        "people": "Coordinación de la Mesa Técnica, SEGEPLAN\nEnlace de Gobierno Abierto, "
                  "GPAT\nRepresentante, Acción Ciudadana\nRepresentante, ICEFI\n"
                  "Docente investigadora, USAC\nObservadora, OEA",
    },
    {
        "days_ago": 20,
        "place": "",
        "online": True,
        "agenda": "1. Verificación de asistencia\n2. Informe de los talleres presenciales\n"
                  "3. Estadísticas de la consulta\n4. Próximos pasos",
        "minutes": "Sesión virtual. Se presentó el informe de los talleres presenciales y "
                   "las estadísticas de participación por departamento, idioma y sector. "
                   "La Universidad Rafael Landívar propuso ampliar los talleres a "
                   "Huehuetenango y Alta Verapaz.",
        "decisions": "Ampliar los talleres presenciales a dos departamentos más.\n"
                     "Convocar la próxima reunión ordinaria dentro de seis meses.",
        "organizations": ("SEGEPLAN", "GPAT", "CGC", "INE", "AC", "ASIES", "URL",
                          "Centro Carter"),
        "people": "Coordinación de la Mesa Técnica, SEGEPLAN\nRepresentante, Contraloría "
                  "General de Cuentas\nRepresentante, ASIES\nObservador, Centro Carter",
    },
)


def _organization(key: str) -> Organization | None:
    return db.session.scalar(sa.select(Organization).where(
        sa.or_(Organization.acronym == key, Organization.name == key)).limit(1))


def load_forum(users: list[User]) -> str:
    """Seat the members, write the rules and record the two meetings, once. Written as rows,
    like the rest of the demo, without audit events: nobody acted."""
    if db.session.scalar(sa.select(ForumMeeting.id).limit(1)) is not None:
        return "Mesa Técnica: ya tenía reuniones."
    staff = next(user for user in users if user.is_admin)
    now = utcnow()
    seated = 0
    for key, role in MEMBERS:
        organization = _organization(key)
        if organization is not None:
            db.session.add(ForumMember(organization=organization, role=role,
                                       created_by_id=staff.id))
            seated += 1
    db.session.add(ForumRules(body=RULES, created_by=staff, created_at=now))
    today: date = to_local(now).date()
    for meeting in MEETINGS:
        db.session.add(ForumMeeting(
            created_by_id=staff.id, created_at=now, updated_at=now,
            held_on=today - timedelta(days=meeting["days_ago"]), online=meeting["online"],
            place=meeting["place"], agenda=meeting["agenda"], minutes=meeting["minutes"],
            decisions=meeting["decisions"], people_present=meeting["people"],
            organizations=[org for org in map(_organization, meeting["organizations"])
                           if org is not None]))
    db.session.flush()
    return f"Mesa Técnica: {seated} organizaciones miembros y {len(MEETINGS)} reuniones con acta."
