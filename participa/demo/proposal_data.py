"""Demo data for the consultation round of the 5th plan: its axes, its authors, and 25
proposals taken from the commitments proposed by civil society in Guatemala's 2nd National
Action Plan 2014-2016 (chapter IV, "Compromisos propuestos por sociedad civil"; commitment 23
is left out: its objective and responsible bodies are garbled in the source).

From each commitment: its title; its objective as the proposed commitment; its compliance
mechanisms ("Mecanismos de cumplimiento") as how it would help; its direct responsible body
as the institution. The plan states no problem for each commitment: the short problem texts
here are written for the demo, from the objective. Obvious typos of the source are mended.
"""

from __future__ import annotations

from typing import NamedTuple

from ..accounts.models import Sector

PLAN_NUMBER = 5
PLAN_TITLE = "Quinto Plan de Acción Nacional de Gobierno Abierto 2026-2028"
PLAN_START, PLAN_END = 2026, 2028
ROUND_TITLE = "Co-creación del 5.º Plan de Acción Nacional de Gobierno Abierto"
ROUND_DESCRIPTION = (
    "Ciudadanía, organizaciones de sociedad civil, academia, sector privado e instituciones "
    "públicas proponen compromisos para el quinto plan. La Mesa Técnica de Gobierno Abierto "
    "responderá cada propuesta y las consolidará en borradores de compromisos.\n\n"
    "Datos de demostración: las propuestas vienen de los compromisos que la sociedad civil "
    "propuso para el Plan de Acción 2014-2016."
)
# The five thematic axes of the 3rd plan 2016-2018, which later plans kept.
AXES = (
    "Acceso a la información pública y archivos institucionales",
    "Innovación tecnológica",
    "Participación ciudadana",
    "Rendición de cuentas",
    "Transparencia fiscal",
)
INFO, TECH, PARTICIPATION, ACCOUNTABILITY, FISCAL = AXES

# Days of each phase, from the proposals phase (which opened DAYS_OPEN days before the load).
DAYS_OPEN = 5
PHASE_DAYS = {"propuestas": 60, "revision": 30, "comentarios": 30, "priorizacion": 14,
              "publicacion": 14}


class DemoAuthor(NamedTuple):
    email: str
    name: str
    sector: Sector
    organization: str | None  # the demo organisation they speak for, if any


AUTHORS: tuple[DemoAuthor, ...] = (
    DemoAuthor("maria.tzul@participa.example", "María José Tzul", Sector.CIUDADANIA, None),
    DemoAuthor("carlos.ixcoy@participa.example", "Carlos Ixcoy", Sector.CIUDADANIA, None),
    DemoAuthor("lucia.mendez@participa.example", "Lucía Méndez", Sector.SOCIEDAD_CIVIL,
               "Instituto Centroamericano de Estudios Fiscales"),
    DemoAuthor("jorge.castaneda@participa.example", "Jorge Castañeda", Sector.SOCIEDAD_CIVIL,
               "Guatecívica"),
    DemoAuthor("ana.xiloj@participa.example", "Ana Lucía Xiloj", Sector.SOCIEDAD_CIVIL,
               "Congreso Transparente"),
    DemoAuthor("roberto.chavez@participa.example", "Roberto Chávez", Sector.ACADEMIA,
               "Universidad de San Carlos de Guatemala"),
    DemoAuthor("silvia.monterroso@participa.example", "Silvia Monterroso", Sector.ACADEMIA,
               None),
    DemoAuthor("fernando.recinos@participa.example", "Fernando Recinos",
               Sector.SECTOR_PRIVADO, "Fundación para el Desarrollo de Guatemala"),
    DemoAuthor("elena.cux@participa.example", "Elena Cux", Sector.CIUDADANIA, None),
    DemoAuthor("pedro.aju@participa.example", "Pedro Ajú", Sector.INSTITUCION_PUBLICA,
               "Instituto Nacional de Administración Pública"),
)

T, P, A, X = "transparencia", "participacion", "rendicion_de_cuentas", "tecnologia"
COPRET = "Comisión Presidencial de Transparencia y Gobierno Electrónico"
MINFIN = "Ministerio de Finanzas Públicas"


class DemoProposal(NamedTuple):
    number: int  # its number in chapter IV of the 2014-2016 plan
    author: int  # index in AUTHORS
    speaks_for_organization: bool  # the author speaks for their organisation
    axis: str
    values: tuple[str, ...]
    title: str
    problem: str
    objective: str
    mechanisms: tuple[str, ...]
    institution: str


PROPOSALS: tuple[DemoProposal, ...] = (
    DemoProposal(
        1, 3, True, INFO, (T,),
        "Mejorar los niveles de transparencia y acceso a la información",
        "Muchos sujetos obligados no cumplen las leyes de transparencia y de acceso a la "
        "información: publican tarde, de forma incompleta o no responden las solicitudes.",
        "Comprometer a los sujetos obligados a cumplir con las leyes de transparencia y "
        "acceso a la información.",
        ("Realizar un pacto de transparencia entre las entidades del Estado y sujetos "
         "obligados para que se comprometan a mejorar los niveles de transparencia y el acceso "
         "a la información.",
         "Fortalecimiento de la autoridad reguladora PDH y trabajo conjunto con COPRET."),
        COPRET,
    ),
    DemoProposal(
        2, 0, False, PARTICIPATION, (P,),
        "Promover la participación y la vigilancia ciudadana informada",
        "Buena parte de la población no conoce el gobierno abierto ni sus derechos, y la "
        "información no llega en los idiomas que habla.",
        "Informar a todas y todos los ciudadanos en los idiomas existentes sobre el gobierno "
        "abierto.",
        ("Promover la participación y la capacitación de los pueblos indígenas.",
         "Promover la participación y la capacitación de más ciudadanos.",
         "Promover por medio de los medios de comunicación masiva el gobierno abierto y "
         "fomentar la cultura de transparencia, acceso a la información y combate contra la "
         "corrupción."),
        COPRET,
    ),
    DemoProposal(
        3, 4, True, ACCOUNTABILITY, (A, T),
        "Aumentar la integridad pública",
        "La ciudadanía no recibe cuentas periódicas de la gestión del presupuesto, de las "
        "compras y contrataciones ni del sector justicia.",
        "Rendir cuentas de manera mensual a la ciudadanía a través de informes o de los "
        "portales de información, especialmente en la gestión del presupuesto, compras y "
        "contrataciones y sector justicia.",
        ("Fortalecer la institucionalidad para mejorar la integridad pública.",
         "Fortalecer las oficinas o unidades de información pública y capacitar a todo "
         "funcionario público, en especial a los mandos altos y medios, incluidos los "
         "ministros.",
         "Fortalecer los mecanismos de rendición de cuentas y su fomento.",
         "Fomentar y crear los mecanismos de control sobre la integridad del sector justicia."),
        "Procuraduría de los Derechos Humanos",
    ),
    DemoProposal(
        4, 5, True, INFO, (T, X),
        "Estandarización de la publicación de datos públicos",
        "Cada entidad publica sus datos en formatos distintos, a menudo no reutilizables, y "
        "no hay reglas comunes para guardarlos de forma segura.",
        "Estandarización de la publicación de datos públicos y mejoramiento de su "
        "accesibilidad.",
        ("Creación y aprobación de un acuerdo gubernamental sobre estándares y datos abiertos "
         "para toda la administración pública, con el fin de que los datos sean accesibles, "
         "reutilizables, gratuitos, interoperables y sin restricciones de derechos de autor.",
         "Desarrollar un plan piloto de apertura y estandarización de datos públicos que tome "
         "en consideración las necesidades y competencias del usuario y la realidad "
         "multilingüe del país.",
         "Adopción completa de los estándares de datos públicos por parte de la "
         "administración pública con base en los resultados del plan piloto.",
         "Realizar una auditoría a nivel nacional para evaluar la forma en que cada entidad "
         "almacena la información pública y adoptar medidas uniformes para garantizar su "
         "almacenaje seguro, continuo y permanente, en especial el de los datos personales."),
        COPRET,
    ),
    DemoProposal(
        5, 6, False, ACCOUNTABILITY, (P, A),
        "Fortalecer la institución encargada de coordinar el Plan Nacional de Gobierno Abierto",
        "La coordinación del plan depende de pocas personas y de cada gobierno, y lo aprendido "
        "en un plan no pasa al siguiente.",
        "Crear una «fuerza de tarea» para el gobierno abierto.",
        ("Crear doce becas (fellowships) para la implementación del gobierno abierto en "
         "Guatemala, destinadas a profesionales con competencias técnicas especializadas que "
         "trabajen junto con la Comisión Presidencial.",
         "Dar continuidad a dichas becas más allá del período del plan para que puedan cumplir "
         "su objetivo.",
         "Documentar anualmente las buenas experiencias y aprender de ellas para el diseño de "
         "futuros planes nacionales de gobierno abierto.",
         "Incluir el gobierno abierto en los programas de formación cívica del Currículum "
         "Nacional Base, de nivel primario y secundario."),
        COPRET,
    ),
    DemoProposal(
        6, 2, True, INFO, (T,),
        "Legislación complementaria para garantizar el derecho de acceso a la información "
        "pública",
        "La Ley de Acceso a la Información Pública no basta sin reglas sobre los archivos "
        "públicos y la protección de los datos personales.",
        "Presentar al Congreso de la República las iniciativas de ley para la emisión de una "
        "Ley del Sistema de Archivos Públicos y una Ley de Protección de Datos Personales, que "
        "complementen la Ley de Acceso a la Información Pública.",
        ("Elaboración de los anteproyectos de Ley del Sistema de Archivos Públicos y Ley de "
         "Protección de Datos Personales.",
         "Consultas a organizaciones sociales y empresariales para retroalimentar el contenido "
         "de los anteproyectos.",
         "Entrega de las iniciativas de ley al Organismo Legislativo.",
         "Acompañamiento para favorecer la discusión, análisis y aprobación de las dos "
         "iniciativas."),
        COPRET,
    ),
    DemoProposal(
        7, 2, True, ACCOUNTABILITY, (A,),
        "Diseñar e implementar manuales, lineamientos y disposiciones técnicas para la "
        "rendición de cuentas",
        "Las obligaciones de rendición de cuentas de la Ley Orgánica del Presupuesto no tienen "
        "manuales ni lineamientos que permitan cumplirlas y vigilarlas.",
        "Cumplir los artículos 4, 17 Bis y 17 Ter del Decreto 101-97, Ley Orgánica del "
        "Presupuesto, y las demás disposiciones de rendición de cuentas de la ley anual del "
        "presupuesto.",
        ("Elaboración de las propuestas de manuales, lineamientos y disposiciones técnicas que "
         "garanticen y permitan monitorear el cumplimiento de esos artículos.",
         "Aprobación, publicación y divulgación de los manuales, lineamientos y disposiciones "
         "técnicas."),
        MINFIN,
    ),
    DemoProposal(
        8, 8, False, PARTICIPATION, (P,),
        "Ampliación de la participación informada en las instancias existentes por medio de "
        "mapeos comunitarios",
        "Los consejos de desarrollo deciden sin datos sobre los problemas urgentes y el "
        "potencial de cada comunidad.",
        "Fortalecer el Sistema de Consejos de Desarrollo por medio del fomento a la "
        "participación ciudadana a través del levantamiento de datos y la creación de mapeos "
        "comunitarios.",
        ("Incluir un proyecto de bases de datos comunitarias, basadas en el mapeo de problemas "
         "comunitarios urgentes y el potencial local, dentro del Sistema de Consejos de "
         "Desarrollo (SISCODE).",
         "Desarrollar un plan piloto de mapeo en municipios priorizados, a través del SISCODE.",
         "Implementar el proyecto de mapeo a nivel nacional."),
        "Secretaría de Planificación y Programación de la Presidencia",
    ),
    DemoProposal(
        9, 1, False, TECH, (X,),
        "Promoción activa de la inclusión digital a nivel nacional",
        "La administración pública depende de proveedores privados para conectarse y buena "
        "parte del país no usa las tecnologías de información y comunicación.",
        "Lograr avances significativos en el uso y difusión de las tecnologías de información "
        "y comunicación.",
        ("Formar y mantener una red robusta que conecte a la administración pública, "
         "garantizando su interconectividad y eliminando la dependencia de proveedores "
         "privados de servicios de Internet.",
         "Tomar en cuenta y comenzar la implementación de la Agenda Digital de Guatemala, "
         "elaborada en 2013."),
        "Organismo Ejecutivo",
    ),
    DemoProposal(
        10, 9, True, ACCOUNTABILITY, (A,),
        "Institucionalizar el primer nivel de atención en salud",
        "El primer nivel de atención en salud depende de convenios con organizaciones no "
        "gubernamentales que la ley prohíbe.",
        "Cumplir plenamente el segundo párrafo del artículo 33 Bis de la Ley Orgánica del "
        "Presupuesto, en cuanto a la prohibición de suscribir convenios con organizaciones no "
        "gubernamentales, y el plazo de los artículos 76 y 77 del Decreto 13-2013.",
        ("Elaboración, aprobación y divulgación del plan de trabajo del Ministerio de Salud "
         "Pública y Asistencia Social para cumplir los artículos 76 y 77 del Decreto 13-2013.",
         "Implementación del plan de trabajo aprobado."),
        "Ministerio de Salud Pública y Asistencia Social",
    ),
    DemoProposal(
        11, 2, True, FISCAL, (T, A),
        "Cumplimiento pleno del nuevo Código y Manual de Transparencia Fiscal del Fondo "
        "Monetario Internacional",
        "Guatemala no ha evaluado sus finanzas públicas contra las buenas prácticas "
        "internacionales de transparencia fiscal.",
        "Aprobar e implementar un programa de trabajo para garantizar el cumplimiento pleno "
        "del nuevo Código y Manual de Transparencia Fiscal del Fondo Monetario Internacional.",
        ("Diseño y elaboración del plan de trabajo.",
         "Socialización, validación y aprobación del plan de trabajo por las entidades "
         "públicas involucradas.",
         "Implementación del plan de trabajo aprobado.",
         "Gestionar ante el Fondo Monetario Internacional la Evaluación de la Transparencia "
         "Fiscal (FTA) para evaluar el cumplimiento del Código y Manual en Guatemala."),
        MINFIN,
    ),
    DemoProposal(
        12, 0, False, FISCAL, (T,),
        "Publicación de todos los documentos relacionados con el presupuesto",
        "Faltan documentos clave del ciclo presupuestario, y los que existen no llegan a la "
        "ciudadanía en un lenguaje ni en los idiomas que entiende.",
        "Elaborar, publicar y difundir los documentos que sugieren las buenas prácticas "
        "internacionales, entre ellos: el informe preliminar, dentro del mes anterior a la "
        "presentación del proyecto de presupuesto; el presupuesto ciudadano, a más tardar el "
        "31 de enero de cada año fiscal; y el informe de medio año, a más tardar el 31 de "
        "agosto.",
        ("Propuesta de acuerdo ministerial que institucionalice la publicación de los "
         "documentos clave del ciclo presupuestario.",
         "Socialización y validación del acuerdo con las dependencias responsables de "
         "producir esos documentos.",
         "Aprobación del acuerdo ministerial.",
         "Elaboración de los documentos clave del ciclo presupuestario.",
         "Difusión de los documentos en medios de comunicación y en ediciones en los "
         "principales idiomas mayas y en inglés."),
        MINFIN,
    ),
    DemoProposal(
        13, 3, True, PARTICIPATION, (P, T),
        "Abrir e institucionalizar espacios de participación ciudadana en la formulación "
        "presupuestaria",
        "La ciudadanía no tiene un canal formal para opinar mientras se formula el "
        "presupuesto del Estado.",
        "Institucionalizar canales de participación de la ciudadanía durante la formulación "
        "del Presupuesto General de Ingresos y Egresos del Estado.",
        ("Análisis y definición de los mecanismos de participación ciudadana que podrían "
         "implementarse durante la formulación del presupuesto.",
         "Validación con organizaciones sociales del instrumento legal que los "
         "institucionaliza.",
         "Aprobación del instrumento legal.",
         "Divulgación y aplicación del instrumento legal."),
        MINFIN,
    ),
    DemoProposal(
        14, 5, False, FISCAL, (T, X),
        "Reformar el Sistema de Contabilidad Integrada (SICOIN)",
        "El registro contable no consolida las cuentas del sector público no financiero ni "
        "vincula el presupuesto con las metas de la gestión por resultados.",
        "Reformar el Sistema de Contabilidad Integrada (SICOIN), componente del Sistema "
        "Integrado de Administración Financiera (SIAF).",
        ("Crear una mesa técnica que analice la implementación de las reformas al SICOIN.",
         "Ajustar los sistemas existentes para el registro contable consolidado de las "
         "cuentas del sector público no financiero, según la Ley Orgánica del Presupuesto "
         "reformada por el Decreto 13-2013.",
         "Actualizar el clasificador de cuentas de ingresos tributarios conforme a la Ley de "
         "Actualización Tributaria (Decreto 10-2012).",
         "Garantizar el acceso público al registro contable de la inversión real directa.",
         "Vincular la información presupuestaria con las metas del marco de gestión por "
         "resultados.",
         "Aprobar e implementar el plan de trabajo de los cambios al SICOIN y evaluar su "
         "cumplimiento."),
        MINFIN,
    ),
    DemoProposal(
        15, 6, False, FISCAL, (T,),
        "Reformar el Portal de Gobiernos Locales",
        "Las bases de datos de información financiera municipal que se descargan del portal "
        "son incompletas y difíciles de usar.",
        "Mejorar el contenido y la estructura presupuestaria de las bases de datos de "
        "información financiera municipal que pueden descargarse en el Portal de Gobiernos "
        "Locales.",
        ("Crear una mesa técnica que analice las reformas al Portal de Gobiernos Locales y "
         "proponga un plan de trabajo.",
         "Aprobar el plan de trabajo.",
         "Implementar el plan de trabajo y evaluar su cumplimiento."),
        MINFIN,
    ),
    DemoProposal(
        16, 7, True, TECH, (T, X),
        "Integración y vinculación de los sistemas relacionados con la administración "
        "financiera",
        "Los sistemas de inversión pública, salud, compras, nóminas y gestión no se hablan "
        "entre sí, y cruzar sus datos es casi imposible.",
        "Promover la vinculación, con prioridad, del SNIP, el SIGSA, Guatecompras, "
        "Guatenóminas, el SIGES y el Portal de Transparencia Fiscal.",
        ("Crear una mesa técnica que analice la integración de esos sistemas y defina un plan "
         "de trabajo.",
         "Aprobar el plan de trabajo.",
         "Implementar el plan de trabajo y evaluar su cumplimiento."),
        MINFIN,
    ),
    DemoProposal(
        17, 2, True, FISCAL, (T,),
        "Cumplir plenamente el Estándar del Foro Global de Transparencia Tributaria de la OCDE",
        "El secreto bancario impide el control tributario y los acuerdos de intercambio de "
        "información tributaria firmados por Guatemala no están vigentes.",
        "Promover y acompañar la legislación que regule el secreto bancario con fines de "
        "control tributario, y las gestiones del Organismo Ejecutivo para que cobren vigencia "
        "los acuerdos de intercambio de información tributaria suscritos por Guatemala.",
        ("Divulgar a la ciudadanía y a los actores clave la importancia de esa legislación.",
         "Promover espacios de discusión y debate sobre ella.",
         "Promover y acompañar los esfuerzos legislativos para aprobarla.",
         "Realizar las gestiones administrativas para que cobren vigencia los acuerdos de "
         "intercambio de información tributaria."),
        MINFIN,
    ),
    DemoProposal(
        18, 1, False, FISCAL, (T,),
        "Publicar las metas de recaudación tributaria y el plan anual de recaudación, control "
        "y fiscalización",
        "Las metas de recaudación y el plan anual de la SAT no se publican ni se actualizan "
        "de forma accesible.",
        "Garantizar la publicidad de las metas de recaudación tributaria y del plan anual de "
        "recaudación, control y fiscalización que aprueba el Directorio de la SAT, y de sus "
        "actualizaciones, según el artículo 7 de la Ley Orgánica de la SAT.",
        ("Publicar las metas y el plan anual en el sitio web de la Superintendencia de "
         "Administración Tributaria.",
         "Actualizar en ese sitio los datos sobre las metas y el plan anual."),
        MINFIN,
    ),
    DemoProposal(
        19, 3, True, FISCAL, (T, A),
        "Transparentar las exenciones y exoneraciones de impuestos",
        "No se sabe quién recibe exenciones y exoneraciones de impuestos, cuánto se deja de "
        "pagar ni qué empleos generan.",
        "Diseñar e implementar un sistema electrónico de acceso público sobre las exenciones, "
        "exoneraciones y todo tratamiento tributario diferenciado, con beneficiarios, montos "
        "de impuestos no pagados, actividad económica y empleos generados.",
        ("Diseño y propuesta de contenido del sistema electrónico.",
         "Aprobación del sistema mediante la resolución legal correspondiente.",
         "Implementación y puesta en funcionamiento del sistema.",
         "Divulgación a la ciudadanía de la información disponible en el sistema."),
        "Superintendencia de Administración Tributaria",
    ),
    DemoProposal(
        20, 7, True, FISCAL, (T,),
        "Estandarizar las bases para eventos de adquisiciones del Estado",
        "Cada unidad ejecutora redacta sus bases de compra a su manera, lo que dificulta "
        "competir y fiscalizar.",
        "Elaborar documentos estandarizados (acuerdos, manuales o lineamientos) con formatos "
        "homogéneos, para que todas las unidades ejecutoras sigan los mismos criterios en sus "
        "adquisiciones.",
        ("Plan de trabajo para identificar y producir los documentos estandarizados.",
         "Elaboración y validación de los documentos.",
         "Aprobación de los documentos mediante el instrumento legal correspondiente.",
         "Divulgación de los documentos a las unidades ejecutoras."),
        MINFIN,
    ),
    DemoProposal(
        21, 4, True, FISCAL, (T, A),
        "Regular y transparentar las compras directas y los casos de excepción",
        "Las compras directas y los casos de excepción escapan a la competencia y a la "
        "vigilancia ciudadana.",
        "Emitir normas que incluyan, entre otras cosas, el uso obligatorio de la oferta "
        "electrónica del Sistema de Contrataciones y Adquisiciones del Estado (Guatecompras) "
        "por todas las entidades.",
        ("Elaboración y validación de las normas que regulen y transparenten las compras "
         "directas y los casos de excepción.",
         "Aprobación de esas normas."),
        MINFIN,
    ),
    DemoProposal(
        22, 8, False, FISCAL, (T,),
        "Fortalecimiento de la generación de precios de referencia para las compras por "
        "contrato abierto",
        "No hay una unidad responsable de los precios de referencia de los contratos abiertos, "
        "y el Estado no sabe si paga de más.",
        "Crear dentro del Instituto Nacional de Estadística la unidad responsable de generar "
        "los precios de referencia para las adquisiciones en la modalidad de contrato abierto.",
        ("Propuesta de reforma del reglamento orgánico interno del Instituto Nacional de "
         "Estadística para crear esa unidad.",
         "Aprobación de la reforma.",
         "Inicio de funciones de la unidad y aprobación de los mecanismos para elaborar y "
         "actualizar los precios de referencia."),
        "Instituto Nacional de Estadística",
    ),
    DemoProposal(
        24, 9, True, ACCOUNTABILITY, (A,),
        "Fortalecimiento de las unidades de auditoría interna",
        "Las unidades de auditoría interna revisan después de los hechos y no asesoran a "
        "tiempo a la gestión pública.",
        "Fortalecer los programas de capacitación de las unidades de auditoría interna para "
        "que asesoren ex ante en toda la gestión pública, con el apoyo de la comunidad "
        "internacional y según los mejores estándares.",
        ("Diseño del programa de capacitación.",
         "Validación y aprobación del programa.",
         "Implementación del programa.",
         "Monitoreo de las instituciones incluidas en la capacitación."),
        "Instituto Nacional de Administración Pública",
    ),
    DemoProposal(
        25, 0, False, FISCAL, (T,),
        "Actualización de los portales de fideicomisos, ONG y transferencias presupuestarias",
        "Los módulos del Ministerio de Finanzas sobre fideicomisos, organizaciones no "
        "gubernamentales y transferencias se quedan desactualizados.",
        "Mantener actualizada la información de los módulos sobre fideicomisos, "
        "organizaciones no gubernamentales y transferencias presupuestarias del Ministerio de "
        "Finanzas Públicas.",
        ("Emisión de normas internas (circular, instrucción, manual) que aseguren la "
         "actualización de esos módulos por las direcciones responsables.",
         "Implementación de las normas."),
        MINFIN,
    ),
    DemoProposal(
        26, 1, False, TECH, (T, X),
        "Gobierno electrónico y mejoras en la calidad de los servicios públicos",
        "Los portales de los sujetos obligados son dispares, algunos no existen y otros no se "
        "actualizan, lo que impide auditarlos.",
        "Estandarizar los portales de todos los sujetos obligados para un mejor "
        "funcionamiento y para poder auditarlos.",
        ("Crear portales de gobierno abierto, transparencia y acceso a la información de "
         "todos los sujetos obligados, actualizados cada mes, y fortalecer los existentes.",
         "Estandarizar esos portales."),
        COPRET,
    ),
)


def benefit(proposal: DemoProposal) -> str:
    """The compliance mechanisms, one numbered line each."""
    return "\n".join(f"{n}. {text}" for n, text in enumerate(proposal.mechanisms, start=1))


def supporters(index: int, author: int, people: int) -> list[int]:
    """A spread of supporters for the proposal at ``index`` (never its author): between
    none and most people, the same on every load."""
    wanted = (index * 5 + 3) % (people - 1)
    chosen = []
    for step in range(people):
        person = (index * 3 + step * 7) % people
        if person != author and person not in chosen and len(chosen) < wanted:
            chosen.append(person)
    return chosen
