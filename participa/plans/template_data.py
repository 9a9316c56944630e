"""The two official commitment templates of the 4th National Action Plan 2018-2020 among the
seed documents (public government documents), as versions of the historical commitments
GT0099 ("Compromiso 15") and GT0094 ("Compromiso 10").

The texts are exactly those of the documents, typos and capitalisation included; only the
layout is ours:

- the "Fecha de inicio y término del compromiso" ("noviembre de 2018 al 30 de agosto 2020")
  is a start month (stored as its first day) and an end day; the milestones' months are
  stored as their first day (see ``participa.content.dates``);
- Compromiso 10 gives its lead institution and the institutions responsible for milestones
  in one cell ("Coordinación a cargo de: ... Responsables de los hitos: ..."): the first part
  is the lead institution, the list one institution per line;
- Compromiso 10 gives its eight contacts as three cells (names; institutions and posts;
  e-mails with "teléfono: N"): they are split into eight rows in the same order, each e-mail
  and telephone number in its own field; the extraction split milestone 6 across a page
  break, joined here with one space;
- Compromiso 15's e-mail appears as a link in the extracted text; the address is kept.

Both documents are headed "Versión 7-11-2018" and say "BORRADOR": the version note names the
document and its date. ``participa.demo.plans`` loads them.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .versions import ContactData, MilestoneData

SOURCE_VERSION = "Versión 7-11-2018"
SOURCE_CONTEXT = (
    "Producto de la reunión técnica de co-creación de compromisos para el 4to. Plan de Acción "
    "Nacional de Gobierno Abierto 2018-2020."
)


class CommitmentTemplate(NamedTuple):
    ogp_code: str
    number: int  # "Compromiso N" of the document
    source: str  # the document's own heading
    title: str
    start_date: date
    end_date: date
    lead_institution: str
    supporting_institutions: str
    problem: str
    commitment_text: str
    contribution: str
    ogp_relevance: str
    additional_information: str
    milestones: tuple[MilestoneData, ...]
    contacts: tuple[ContactData, ...]
    other_actors_public: str
    other_actors_civil: str
    observations: str

    @property
    def change_note(self) -> str:
        return (
            f"Texto del documento «{self.source}», Compromiso {self.number}, "
            f"{SOURCE_VERSION}. {SOURCE_CONTEXT}"
        )


COMPROMISO_15 = CommitmentTemplate(
    ogp_code="GT0099",
    number=15,
    source="Plantilla del compromiso",
    title=(
        "CREACIÓN E IMPLEMENTACIÓN DE ESTRATEGIA INTEGRAL DE TRANSPARENCIA, GOBIERNO ABIERTO Y "
        "ANTICORRUPCIÓN."
    ),
    start_date=date(2018, 11, 1),
    end_date=date(2020, 8, 30),
    lead_institution="Coordinador: Comisión de Gestión Pública Abierta y Transparencia / MTGA",
    supporting_institutions="",
    problem=(
        "Actualmente no existe un documento que contenga una Estrategia Nacional de Transparencia, "
        "Gobierno Abierto y Mecanismos Anticorrupción en Guatemala, por lo tanto existe una "
        "insuficiente articulación interinstitucional, falta de espacios de participación "
        "ciudadana en el diseño e implementación de políticas públicas que favorezcan la "
        "generación de resultados en materia de transparencia, gobierno abierto y mecanismos "
        "anticorrupción, que además favorezca la comunicación entre las diferentes instancias y "
        "principalmente hacia el ciudadano, tanto en el proceso de formulación como de "
        "implementación."
    ),
    commitment_text=(
        "Impulsar la mejora en la generación de resultados hacia la ciudadanía, en cuanto a las "
        "acciones de transparencia, gobierno abierto y mecanismos anticorrupción, a través de la "
        "generación de una Estrategia Integral que evidencie la mejora en acciones de "
        "transparencia de forma individual o conjunta en las instituciones públicas, sectores "
        "sociales, entre otros. Con información de fácil acceso a la ciudadanía, para que los "
        "mismos se empoderen y tengan conocimiento sobre las actividades y acciones "
        "institucionales que las autoridades, servidores públicos están llamados a realizar, en el "
        "marco de la legalidad, integridad y la ética, así como promoviendo el uso de herramientas "
        "tecnológicas que favorezcan la vigilancia, auditoria social y la generación de "
        "propuestas, implementando además datos abiertos."
    ),
    contribution=(
        "Con base a los mecanismo y herramientas que se integraran en la Estrategia, se logre "
        "mayor transparencia, rendición de cuentas, participación ciudadana e innovación "
        "tecnológica que contribuya para que la ciudadanía pueda ver implementadas acciones "
        "preventivas, efectivas, y de corto y mediano plazo en materia de transparencia, gobierno "
        "abierto y mecanismos anticorrupción."
    ),
    ogp_relevance=(
        "El compromisos contribuirá a fomentar una cultura de transparencia y mecanismos "
        "anticorrupción en el país, por parte de las entidades públicas, para que mejoren la "
        "calidad de la información pública, impulsen mejoras en las oportunidades y capacidades de "
        "los ciudadanos a través de los diversos mecanismos de divulgación, rendición de cuentas, "
        "consulta e implementación, que promuevan integridad pública, una gestión pública más "
        "efectiva y transparente, así mismo mejorar los servicios públicos, y principalmente que "
        "exista participación ciudadana en los proceso de co-creación e implementación de dichos "
        "mecanismos por medio de plataformas informáticas y de forma presencial."
    ),
    additional_information=(
        "El compromiso se plantea como interinstitucional, tiene implícito la articulación de "
        "esfuerzos vinculados con el cumplimiento al Objetivo 16 de Desarrollo Sostenible, con las "
        "prioridades nacionales, el Plan de Desarrollo y la articulación de esfuerzos para adoptar "
        "recomendaciones derivadas de las Convenciones Internacionales contra la Corrupción."
    ),
    milestones=(
        MilestoneData(
            number=1,
            description=(
                "Co-creación de una Estrategia Integral de Transparencia, gobierno abierto y "
                "mecanismos anticorrupción para el 2018 - 2023 en el marco de la Mesa Técnica de "
                "gobierno abierto en donde se invite a participar al CONADUR y otros actores "
                "vinculados a la temática."
            ),
            responsible="Comisión Presidencial de Gestión Pública Abierta y Transparencia / MTGA",
            is_new=True,
            start_date=date(2018, 11, 1),
            end_date=date(2019, 8, 1),
        ),
        MilestoneData(
            number=2,
            description=(
                "Implementación de la primera fase de la Estrategia Integral de Transparencia, "
                "Gobierno Abierto y Mecanismos Anticorrupción, la cual tendrá continuidad en los "
                "siguientes planes de acción de gobierno abierto."
            ),
            responsible="Comisión Presidencial de Gestión Pública Abierta y Transparencia / MTGA",
            is_new=True,
            start_date=date(2019, 10, 1),
            end_date=date(2020, 9, 1),
        ),
        MilestoneData(
            number=3,
            description=(
                "Diseño e implementación del sistema de monitoreo y evaluación de la Estrategia "
                "Integral de Transparencia, Gobierno Abierto y Mecanismos Anticorrupción."
            ),
            responsible="Comisión Presidencial de Gestión Pública Abierta y Transparencia / MTGA",
            is_new=True,
            start_date=date(2019, 7, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=4,
            description=(
                "Diseño e implementación del plan de comunicación para la divulgación y "
                "socialización de la estrategia."
            ),
            responsible=(
                "Comisión de Gestión Pública Abierta y Transparente, Mesa Técnica de Gobierno "
                "Abierto y se solicitará el acompañamiento y el apoyo de la Secretaría de "
                "Comunicación Social de la Presidencia."
            ),
            is_new=True,
            start_date=date(2019, 7, 1),
            end_date=date(2020, 8, 1),
        ),
    ),
    contacts=(
        ContactData(
            name="Álvaro Samayoa",
            institution_post=(
                "Comisión Presidencial de Gestión Pública Abierta y Transparencia, Coordinador y "
                "Director Ejecutivo"
            ),
            email="asamayoa@gobiernoabierto.gob.gt",
            phone="",
        ),
    ),
    other_actors_public="",
    other_actors_civil="MTGA, Guatecívica colaborará en el hito 4 y otros actores interesados.",
    observations="--",
)

COMPROMISO_10 = CommitmentTemplate(
    ogp_code="GT0094",
    number=10,
    source="PLANTILLA DE COMPROMISO",
    title=(
        "Fortalecimiento de herramientas y capacidades técnicas a gobiernos locales para "
        "implementar mecanismos de Gobierno Abierto, rendición de cuentas, y participación "
        "ciudadana, en la mejora de servicios públicos."
    ),
    start_date=date(2018, 11, 1),
    end_date=date(2020, 8, 30),
    lead_institution="Coordinación a cargo de: Instituto de Fomento Municipal –INFOM-",
    supporting_institutions=(
        "Instituto de Fomento Municipal –INFOM-\n"
        "Asociación Nacional de Municipalidades de la república de Guatemala -ANAM-\n"
        "Secretaria de Coordinación Ejecutiva de la Presidencia de la Presidencia -SCEP-\n"
        "Instituto Nacional de Administración Pública -INAP-\n"
        "Secretaria de Panificación y Programación de la Presidencia -SEGEPLAN-\n"
        "Comisión Presidencial de Gestión Pública Abierta y Transparencia\n"
        "Contraloría General de Cuentas –CGC-\n"
        "Secretaría de Nacional de Ciencia y Tecnología –SENACYT-"
    ),
    problem=(
        "La falta de desarrollo integral municipal consecuencia de la debilidad institucional de "
        "gobiernos locales, así como su debilidad técnica para implementar mecanismos de Gobierno "
        "Abierto y promover la participación ciudadana en la toma de decisiones; incide en la "
        "precaria planificación municipal y una prestación de servicios municipales que no "
        "responden a las necesidades de sus pobladores, principalmente en los de interés crítico "
        "como los de agua y saneamiento."
    ),
    commitment_text=(
        "Fortalecer a los gobiernos locales para implementar mecanismos de Gobierno Abierto, "
        "participación ciudadana e incorporación de estándares de transparencia para la correcta "
        "rendición de cuentas en la gestión municipal y la prestación de servicios municipales."
    ),
    contribution=(
        "Fortaleciendo a los gobiernos locales a través de la generación de instrumentos técnicos, "
        "programas de capacitación y promoción de la participación ciudadana, para que los aportes "
        "de la sociedad civil y otros actores claves de los municipios, sean considerados en la "
        "gestión municipal; así mismo, brindando asistencia técnica especializada a municipios "
        "seleccionados, que contarán con el seguimiento y evaluación de los resultados alcanzados "
        "en las actividades realizadas."
    ),
    ogp_relevance=(
        "Fomenta la participación ciudadana para la adecuada gestión municipal, a través de la "
        "transparencia, el acceso a la información pública, la rendición de cuentas y la "
        "innovación tecnológica así mismo mejora la confianza ciudadana en las autoridades "
        "municipales."
    ),
    additional_information=(
        "El trabajo priorizará los temas de agua y saneamiento, esto debido a la relevancia de "
        "dichos aspectos en el desarrollo de los municipios y en la calidad de vida de las "
        "personas. Adicionalmente, por medio de la implementación de las actividades "
        "correspondientes al presente compromiso, se distribuirán por territorios los lineamientos "
        "de Gobierno Abierto en las Municipalidades."
    ),
    milestones=(
        MilestoneData(
            number=1,
            description=(
                "Impulsar el traslado de competencias legales hacia los destinatarios de la "
                "descentralización del Organismo Ejecutivo, de conformidad con el proceso "
                "establecido en la Agenda Nacional de descentralización aprobada por acuerdo "
                "interno DS-11-2017 de fecha 23 de noviembre de 2017."
            ),
            responsible=(
                "SCEP / Dirección para la Descentralización / con la colaboración de los "
                "siguientes ministerios: MSPAS, MARN, MINGOB, MINEDUC, MAGA, MINECO, MICUDE, "
                "MICIVI"
            ),
            is_new=True,
            start_date=date(2018, 11, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=2,
            description=(
                "Brindar asistencia técnica metodológica en formulación de la planificación "
                "municipal para dar cumplimiento a las Metas Estratégicas de Desarrollo vinculadas "
                "a la mejora de prestación de servicios públicos."
            ),
            responsible=(
                "SEGEPLAN / Dirección de Planificación Territorial con el apoyo de Dirección de "
                "Asistencia a la Administración Financiera Municipal DAAFIM del Ministerio de "
                "Finanzas, INFOM, SCEP Con colaboración de la AGAAI"
            ),
            is_new=True,
            start_date=date(2019, 1, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=3,
            description=(
                "Implementación de un programa de formación y capacitación en la temática de "
                "gobierno abierto, gestión municipal, servicios públicos municipales, generación "
                "de ingresos propios y otros que se identifiquen para fortalecer las capacidades "
                "municipales para la actualización, estandarización y seguimiento de los "
                "instrumentos administrativos municipales dirigido a 340 municipalidades."
            ),
            responsible=(
                "INAP con la colaboración de INFOM, ANAM, AGAAI en coordinación con Comisión "
                "Presidencial de Gestión Pública Abierta y Transparencia"
            ),
            is_new=True,
            start_date=date(2018, 11, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=4,
            description=(
                "Publicación mensual en formato abierto en la página web del INFOM de la lista de "
                "solicitudes de crédito y el estatus para los proyectos municipales y su "
                "seguimiento."
            ),
            responsible="INFOM",
            is_new=True,
            start_date=date(2019, 5, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=5,
            description=(
                "Elaboración, implementación y divulgación de la Guía técnica para promover los "
                "principios, valores y mecanismos de Gobierno Abierto a nivel municipal, como "
                "instrumento para la promoción de la participación ciudadana y la mejora de la "
                "prestación de servicios básicos."
            ),
            responsible=(
                "INFOM / ANAM / en coordinación con Comisión de Gestión Pública Abierta y "
                "Transparencia"
            ),
            is_new=True,
            start_date=date(2018, 11, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=6,
            description=(
                "Fortalecimiento del sistema de rendición de cuentas impulsado por la CGC en "
                "seguimiento al resultado alcanzado del compromiso número 14 del tercer PAN "
                "2016-2018."
            ),
            responsible="CGC",
            is_new=False,
            start_date=date(2019, 2, 1),
            end_date=date(2020, 8, 1),
        ),
        MilestoneData(
            number=7,
            description=(
                "Continuidad de la implementación de portales de transparencia en 20% de las "
                "municipalidades que carecen de herramientas tecnológicas para la publicación de "
                "la información pública de oficio, según lista priorizada de la PDH, en "
                "seguimiento al resultado alcanzado del compromiso número 8 del tercer PAN "
                "2016-2018."
            ),
            responsible=(
                "INFOM con la colaboración de: Comisión Presidencial de Gestión Pública Abierta y "
                "Transparencia, SENACYT, INAP y Gobiernos Locales priorizados."
            ),
            is_new=False,
            start_date=date(2018, 11, 1),
            end_date=date(2020, 8, 1),
        ),
    ),
    contacts=(
        ContactData(
            name="Julio Salvador Contreras Amaya",
            institution_post="INFOM Gerente General",
            email="gerencia@infom.gob.gt",
            phone="23171991",
        ),
        ContactData(
            name="Edwin Escobar",
            institution_post="ANAM Presidente",
            email="anita.kristensson@anam.org.gt",
            phone="23242424",
        ),
        ContactData(
            name="Jorge Arreaga Cifuentes",
            institution_post="SCEP Secretario Ejecutivo",
            email="jarreaga@scep.gob.gt",
            phone="24104141",
        ),
        ContactData(
            name="Marco Tulio Cajas",
            institution_post="INAP Gerente General",
            email="mcajas@inap.gob.gt",
            phone="24198181",
        ),
        ContactData(
            name="Miguel Ángel Moir",
            institution_post="SEGEPLAN Secretario General",
            email="miguel.moir@segeplan.gob.gt",
            phone="25044444",
        ),
        ContactData(
            name="Álvaro Samayoa",
            institution_post="GPAT Coordinador y Director Ejecutivo",
            email="asamayoa@gobiernoabierto.gob.gt",
            phone="22205383",
        ),
        ContactData(
            name="Fernando Fernández",
            institution_post="CGC Subcontralor de Probidad Encargado del Despacho",
            email="fernandezcgc@contraloria.gob.gt",
            phone="",
        ),
        ContactData(
            name="Oscar Cobar",
            institution_post="SENACYT Secretario Nacional de Ciencia y Tecnología",
            email="ocobar@senacyt.gob.gt",
            phone="23172600",
        ),
    ),
    other_actors_public=(
        "Se requiere la colaboración de: ANAM, Comisión de Gestión Pública y Abierta y "
        "Transparencia, Segeplan, SCEP, INAP, AGAAI, MSPAS, MARN, MINGOB, MINEDUC, MAGA, MINECO, "
        "MICUDE, MICIVI"
    ),
    other_actors_civil=(
        "Proyecto de Políticas en Salud y Educación / USAID, sectores sociales, organizaciones de "
        "sociedad civil, entre otros"
    ),
    observations="",
)

TEMPLATES: tuple[CommitmentTemplate, ...] = (COMPROMISO_15, COMPROMISO_10)
