"""The sections of the official commitment template (see seeds 000 and 004), in their order.

The keys name ``CommitmentVersion`` fields; comments on a draft anchor to one of these keys
or to a milestone number, and the diff and the printed plan walk them in this order.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTIONS: tuple[tuple[str, object], ...] = (
    ("title", _l("Número y nombre del compromiso")),
    ("dates", _l("Fecha de inicio y término del compromiso")),
    ("lead_institution", _l("Institución o actor responsable de la implementación")),
    ("supporting_institutions", _l("Instituciones responsables de los hitos")),
    ("problem", _l("¿Cuál es la problemática que el compromiso aborda?")),
    ("commitment_text", _l("¿Cuál es el compromiso?")),
    ("contribution", _l("¿Cómo contribuirá a resolver la problemática?")),
    ("ogp_relevance", _l("¿Por qué es relevante a los valores de OGP?")),
    ("additional_information", _l("Información adicional")),
    (
        "milestones",
        _l("Hitos: metas o etapas que permitan verificar el cumplimiento del compromiso"),
    ),
    ("contacts", _l("Información de contacto")),
    ("other_actors", _l("Otros actores involucrados")),
    ("observations", _l("Observaciones")),
)

SECTION_KEYS = frozenset(key for key, _label in SECTIONS)


def section_label(key: str) -> str:
    return str(dict(SECTIONS)[key])
