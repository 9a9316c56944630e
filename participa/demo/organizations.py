"""Demo organisations: the institutions, civil-society organisations, universities, private
sector chambers and international observers named in Guatemala's Open Government action
plans (2nd plan 2014-2016, 3rd plan 2016-2018, commitment templates of the 4th plan
2018-2020). Full official Spanish names; web addresses only where the documents show them."""

from __future__ import annotations

from typing import NamedTuple

from ..accounts.models import Sector
from ..organizations.models import OrganizationKind as K


class DemoOrganization(NamedTuple):
    name: str
    acronym: str | None
    kind: K
    website: str | None = None


ACCION_CIUDADANA = "Acción Ciudadana"

ORGANIZATIONS: tuple[DemoOrganization, ...] = (
    # Public institutions responsible for or supporting commitments.
    DemoOrganization("Instituto de Fomento Municipal", "INFOM", K.INSTITUCION_PUBLICA,
                     "https://www.infom.gob.gt"),
    DemoOrganization("Asociación Nacional de Municipalidades de la República de Guatemala",
                     "ANAM", K.INSTITUCION_PUBLICA, "https://www.anam.org.gt"),
    DemoOrganization("Secretaría de Planificación y Programación de la Presidencia",
                     "SEGEPLAN", K.INSTITUCION_PUBLICA, "https://www.segeplan.gob.gt"),
    DemoOrganization("Secretaría Nacional de Ciencia y Tecnología", "SENACYT",
                     K.INSTITUCION_PUBLICA, "https://www.senacyt.gob.gt"),
    DemoOrganization("Instituto Nacional de Administración Pública", "INAP",
                     K.INSTITUCION_PUBLICA, "https://www.inap.gob.gt"),
    DemoOrganization("Ministerio de Finanzas Públicas", "MINFIN", K.INSTITUCION_PUBLICA),
    DemoOrganization("Contraloría General de Cuentas", "CGC", K.INSTITUCION_PUBLICA,
                     "https://www.contraloria.gob.gt"),
    DemoOrganization("Comisión Presidencial de Gestión Pública Abierta y Transparencia",
                     "GPAT", K.INSTITUCION_PUBLICA, "https://www.gobiernoabierto.gob.gt"),
    DemoOrganization("Secretaría de Coordinación Ejecutiva de la Presidencia", "SCEP",
                     K.INSTITUCION_PUBLICA, "https://www.scep.gob.gt"),
    DemoOrganization("Secretaría de Comunicación Social de la Presidencia", "SCSPR",
                     K.INSTITUCION_PUBLICA),
    DemoOrganization("Ministerio de Educación", "MINEDUC", K.INSTITUCION_PUBLICA),
    DemoOrganization("Ministerio de Gobernación", "MINGOB", K.INSTITUCION_PUBLICA),
    DemoOrganization("Ministerio de Salud Pública y Asistencia Social", "MSPAS",
                     K.INSTITUCION_PUBLICA),
    DemoOrganization("Congreso de la República de Guatemala", None, K.INSTITUCION_PUBLICA),
    DemoOrganization("Superintendencia de Administración Tributaria", "SAT",
                     K.INSTITUCION_PUBLICA),
    DemoOrganization("Superintendencia de Telecomunicaciones", "SIT", K.INSTITUCION_PUBLICA),
    DemoOrganization("Coordinadora Nacional para la Reducción de Desastres", "CONRED",
                     K.INSTITUCION_PUBLICA),
    DemoOrganization("Instituto Nacional de Estadística", "INE", K.INSTITUCION_PUBLICA),
    DemoOrganization("Procuraduría de los Derechos Humanos", "PDH", K.INSTITUCION_PUBLICA),
    DemoOrganization("Organismo Judicial", "OJ", K.INSTITUCION_PUBLICA),
    DemoOrganization("Ministerio Público", "MP", K.INSTITUCION_PUBLICA),
    # Civil-society organisations.
    DemoOrganization(ACCION_CIUDADANA, "AC", K.OSC),
    DemoOrganization("Guatecívica", None, K.OSC),
    DemoOrganization("Guatecambia", None, K.OSC),
    DemoOrganization("Congreso Transparente", None, K.OSC),
    DemoOrganization("Instituto Centroamericano de Estudios Fiscales", "ICEFI", K.OSC),
    DemoOrganization("Red Nacional por la Integridad", None, K.OSC),
    DemoOrganization("Fundación Myrna Mack", None, K.OSC),
    DemoOrganization("Guatemala Visible", None, K.OSC),
    DemoOrganization("Oficina de Derechos Humanos del Arzobispado de Guatemala", "ODHAG",
                     K.OSC),
    DemoOrganization("Movimiento Cívico Nacional", "MCN", K.OSC),
    DemoOrganization("Centro de Investigaciones Económicas Nacionales", "CIEN", K.OSC),
    DemoOrganization("Asociación de Investigación y Estudios Sociales", "ASIES", K.OSC),
    DemoOrganization("Asociación para el Avance de las Ciencias Sociales en Guatemala",
                     "AVANCSO", K.OSC),
    DemoOrganization("Centro para la Acción Legal en Derechos Humanos", "CALDH", K.OSC),
    DemoOrganization("Instituto de Estudios Comparados en Ciencias Penales de Guatemala",
                     "ICCPG", K.OSC),
    # Academia.
    DemoOrganization("Universidad de San Carlos de Guatemala", "USAC", K.ACADEMIA),
    DemoOrganization("Universidad Rafael Landívar", "URL", K.ACADEMIA),
    DemoOrganization("Universidad del Valle de Guatemala", "UVG", K.ACADEMIA),
    DemoOrganization("Universidad Mariano Gálvez de Guatemala", "UMG", K.ACADEMIA),
    DemoOrganization("Universidad Panamericana", "UPANA", K.ACADEMIA),
    DemoOrganization("Facultad Latinoamericana de Ciencias Sociales", "FLACSO", K.ACADEMIA),
    # Private sector.
    DemoOrganization("Fundación para el Desarrollo de Guatemala", "FUNDESA", K.SECTOR_PRIVADO),
    DemoOrganization("Cámara de Comercio de Guatemala", None, K.SECTOR_PRIVADO),
    DemoOrganization("Cámara de Industria de Guatemala", "CIG", K.SECTOR_PRIVADO),
    DemoOrganization("Asociación Nacional del Café", "ANACAFÉ", K.SECTOR_PRIVADO),
    # International observers and cooperation.
    DemoOrganization("Organización de los Estados Americanos", "OEA",
                     K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Agencia de los Estados Unidos para el Desarrollo Internacional", "USAID",
                     K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Counterpart International", None, K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Centro Carter", None, K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Organización para la Cooperación y el Desarrollo Económicos", "OCDE",
                     K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Banco Mundial", None, K.OBSERVADOR_INTERNACIONAL),
    DemoOrganization("Instituto Republicano Internacional", "IRI", K.OBSERVADOR_INTERNACIONAL),
)


# ".example" (RFC 2606): never delivered. ".localhost" would be clearer, but the log-in form's
# e-mail validator refuses special-use domains such as localhost and test.
class DemoAccount(NamedTuple):
    email: str
    name: str
    sector: Sector
    # "is_admin", "is_moderator" or None (translators: demo.translators)
    role: str | None
    description: str


CSO_MEMBER_EMAIL = "osc@participa.example"
TRANSLATOR_EMAIL = "traductor@participa.example"
REVIEWER_EMAIL = "revision@participa.example"
INSTITUTION_EMAIL = "enlace@participa.example"

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin@participa.example", "Administración (demostración)",
                Sector.CIUDADANIA, "is_admin", "administración"),
    DemoAccount("moderador@participa.example", "Moderación MTGA (demostración)",
                Sector.INSTITUCION_PUBLICA, "is_moderator", "moderación (MTGA)"),
    DemoAccount(TRANSLATOR_EMAIL, "Traducción (demostración)",
                Sector.CIUDADANIA, None, "traducción (quc, cak)"),
    DemoAccount(REVIEWER_EMAIL, "Revisión de traducciones (demostración)",
                Sector.CIUDADANIA, None, "traducción y revisión (quc, cak)"),
    DemoAccount("participante@participa.example", "Participante (demostración)",
                Sector.CIUDADANIA, None, "participante"),
    DemoAccount(CSO_MEMBER_EMAIL, "Integrante de Acción Ciudadana (demostración)",
                Sector.SOCIEDAD_CIVIL, None, f"integrante y responsable de {ACCION_CIUDADANA}"),
    DemoAccount(INSTITUTION_EMAIL, "Enlace institucional (demostración)",
                Sector.INSTITUCION_PUBLICA, None,
                "enlace de GPAT e INFOM: informa el avance de GT0099 y GT0094"),
)
