"""A whole consultation typed through the site's own forms, as the people who would type it:
every text a person can enter (names, organisations, rounds, proposals, withdrawals,
comments, replies and their edits, reports, reason templates, moderation reasons and notes,
blocks, drafts with milestones and contacts and change notes, responses) comes from one
function, ``text(field, limit, n)``. The XSS walk fills them with the corpus; anything can.

Every form is read from the rendered page (``htmlforms``) and posted with its own defaults
plus our values, so a field the page stops offering fails here, and every answer to a post is
checked with ``inert.response_problems`` on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from participa.accounts.models import User
from participa.assessments.models import SelfAssessment
from participa.base.extensions import db
from participa.base.time import to_local, utcnow
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.forum.models import ForumMeeting
from participa.organizations.models import Membership, Organization
from participa.plans.models import Commitment
from participa.proposals.models import Proposal
from participa.tracking.models import LeadOrganization
from participa.translation import services as translation
from participa.translation import template as workspace_template
from participa.translation.catalog import message_key
from participa.translation.models import GlossaryTerm, SourceMessage, TranslatorRequest
from participa.web.forms import join_lines, strip_control_characters
from participa.workshops.models import Workshop

from ..factories import PASSWORD, link_in, login, mails, make_axis, make_plan, make_user
from .htmlforms import find_form
from .inert import page_text, response_problems

# text(field, limit, n): the text typed the n-th time (from 0) into that field.
TextFor = Callable[[str, int, int], str]

# Every place a person types text, with the longest text it takes.
FIELDS: dict[str, int] = {
    "user.name": 120,
    "signup.name": 120,
    "organization.name": 200,
    "organization.acronym": 30,
    "organization.website": 255,
    "plan.title": 255,
    "plan.description": 5000,
    "axis.name": 200,
    "round.title": 255,
    "round.description": 5000,
    "proposal.title": 150,
    "proposal.problem": 2000,
    "proposal.proposed_commitment": 2000,
    "proposal.benefit": 2000,
    "proposal.institution": 200,
    "proposal.withdrawal_reason": 1000,
    "comment.body": 4000,
    "comment.reply": 4000,
    "comment.edit": 4000,
    "comment.draft": 4000,
    "comment.workshop": 4000,
    "report.details": 2000,
    "template.title": 120,
    "template.body": 2000,
    "moderation.hide_reason": 2000,
    "moderation.restore_note": 2000,
    "moderation.block_reason": 2000,
    "draft.title": 500,
    "response.reason": 4000,
    "version.title": 500,
    "version.lead_institution": 255,
    "version.supporting_institutions": 10_000,
    "version.problem": 10_000,
    "version.commitment_text": 10_000,
    "version.contribution": 10_000,
    "version.ogp_relevance": 10_000,
    "version.additional_information": 10_000,
    "version.other_actors_public": 10_000,
    "version.other_actors_civil": 10_000,
    "version.observations": 10_000,
    "version.change_note": 2000,
    "milestone.description": 10_000,
    "milestone.responsible": 500,
    "contact.name": 200,
    "contact.institution_post": 500,
    "contact.phone": 60,
    "glossary.term": 200,
    "glossary.translation": 200,
    "glossary.note": 2000,
    "glossary.source": 300,
    "review.note": 2000,
    "translation.motivation": 2000,
    "translation.note": 1000,
    "workshop.title": 200,
    "workshop.place": 200,
    "workshop.facilitators": 1000,
    "progress.body": 6000,
    "progress.withdrawn_reason": 2000,
    "progress.note": 2000,
    "progress.file_title": 200,
    "comment.update": 4000,
    "assessment.lessons": 20_000,
    "comment.assessment": 4000,
    "forum.rules": 50_000,
    "meeting.place": 200,
    "meeting.agenda": 20_000,
    "meeting.minutes": 20_000,
    "meeting.decisions": 20_000,
    "meeting.people_present": 5000,
}
URL_FIELDS = ("organization.website",)


def plain(key: str, limit: int, n: int) -> str:
    """Ordinary text for every field (a web address where one is asked)."""
    if key in URL_FIELDS:
        return f"https://example.org/{n}"
    return f"Texto {n} de {key}"[:limit]


PEOPLE = ("admin", "moderator", "author", "supporter", "reporter", "blocked", "member",
          "unconfirmed")


class Refused(AssertionError):
    def __init__(self, what: str, response) -> None:
        markup = response.get_data(as_text=True)
        main = markup.partition("<main")[2].partition("</main>")[0] or markup
        text = " ".join(page_text("<main" + main).split())
        super().__init__(f"{what}: {response.status_code} {text[:1500]}")


@dataclass
class World:
    app: object
    text: TextFor
    clients: dict[str, object] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    posts: int = 0

    # Typing and posting -------------------------------------------------------------------

    def t(self, key: str, *, variant: str = "", direct: bool = False) -> str:
        """The text for ``key``; ``direct``: stored without a form (as seed data is), so
        cleaned as the forms clean it (PostgreSQL refuses NUL)."""
        n = sum(1 for typed in self.typed if typed.partition("#")[0] == key)
        value = self.text(key, FIELDS[key], n)
        if direct:
            value = strip_control_characters(value)
            if key in ("user.name", "plan.title", "axis.name"):
                value = join_lines(value)
        self.typed[f"{key}#{variant}" if variant else key] = value
        return value

    def client(self, who: str):
        if who not in self.clients:
            client = self.app.test_client()
            if who != "anonymous":
                response = login(client, f"{who}@example.org")
                assert response.status_code == 302, response.get_data(as_text=True)[:500]
            self.clients[who] = client
        return self.clients[who]

    def check(self, response, where: str) -> None:
        self.problems.extend(f"{where}: {p}" for p in response_problems(response))

    def get(self, who: str, url: str, *, expect: int = 200):
        response = self.client(who).get(url)
        self.check(response, f"GET {url} as {who}")
        if response.status_code != expect:
            raise Refused(f"GET {url} as {who}", response)
        return response

    def submit(self, who: str, page: str, values: dict | None = None, *, action: str | None = None,
               button: str | None = None, expect: tuple[int, ...] = (302, 303)):
        """Fill the form of ``page`` that posts to ``action`` (the page itself by default)
        with its defaults and ``values`` (a list value posts the name repeatedly, None leaves
        the name out) and post it."""
        markup = self.get(who, page).get_data(as_text=True)
        path = action or urlsplit(page).path
        form = find_form(markup, page, path)
        data: dict[str, list[str]] = {}
        for name, value in form.defaults():
            data.setdefault(name, []).append(value)
        for name, value in (values or {}).items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = list(value) if isinstance(value, list | tuple) else [str(value)]
        if button is not None:
            name, _, value = button.partition("=")
            data[name] = [value]
        response = self.client(who).post(form.action, data=data)
        self.posts += 1
        self.check(response, f"POST {path} as {who}")
        if response.status_code not in expect:
            raise Refused(f"POST {path} as {who}", response)
        return response

    # The database between steps ----------------------------------------------------------

    def open_phase(self, kind: PhaseKind) -> None:
        """Move the round's dates so that ``kind`` opened yesterday (the clock of a round
        is its data, not a person's text)."""
        with self.app.app_context():
            round_ = db.session.get(ConsultationRound, self.ids["round"])
            start = utcnow() - timedelta(days=1 + 10 * kind.order)
            for phase in sorted(round_.phases, key=lambda p: p.kind.order):
                phase.starts_at = start + timedelta(days=10 * phase.kind.order)
                phase.ends_at = phase.starts_at + timedelta(days=10)
            db.session.commit()

    def newest(self, model, *conditions) -> int:
        with self.app.app_context():
            return db.session.scalar(
                sa.select(model.id).where(*conditions).order_by(model.id.desc()).limit(1))


def _people(world: World) -> None:
    with world.app.app_context():
        for who in PEOPLE:
            make_user(email_address=f"{who}@example.org",
                      name=world.t("user.name", variant=who, direct=True),
                      is_admin=who == "admin", is_moderator=who == "moderator",
                      confirmed=who != "unconfirmed")
            world.ids[who] = db.session.scalar(sa.select(User.id).where(
                User.email == f"{who}@example.org"))
        plan = make_plan(title=world.t("plan.title", direct=True),
                         description=world.t("plan.description", direct=True))
        world.ids["axis"] = make_axis(plan, name=world.t("axis.name", direct=True)).id
        world.ids["plan"] = plan.id


def _signup(world: World) -> None:
    """Someone registers through the form and confirms from the e-mail."""
    world.submit("anonymous", "/cuenta/registro", {
        "name": world.t("signup.name"), "email": "signup@example.org", "password": PASSWORD,
        "sector": "sociedad_civil"})
    with world.app.app_context():
        path = link_in(mails()[-1])
    world.submit("anonymous", path)
    world.submit("author", "/cuenta/", {"name": world.t("user.name", variant="author")},
                 expect=(302,))


def _organization(world: World) -> None:
    response = world.submit("admin", "/admin/organizaciones/nueva", {
        "name": world.t("organization.name"), "acronym": world.t("organization.acronym"),
        "kind": "osc", "website": world.t("organization.website")})
    world.ids["organization"] = world.newest(Organization)
    org = world.ids["organization"]
    edit = urlsplit(response.headers["Location"]).path
    world.submit("admin", edit, {"responsable-email": "author@example.org"},
                 action=f"/admin/organizaciones/{org}/responsables")
    world.submit("admin", "/admin/organizaciones", action=f"/admin/organizaciones/{org}/verificar")
    world.submit("member", f"/organizaciones/{org}",
                 action=f"/organizaciones/{org}/solicitar")
    world.ids["membership"] = world.newest(Membership)


def _volunteering(world: World) -> None:
    """The author asks to translate two languages from the profile; the administrators
    accept one with a note (the other waits), and the author is credited by organisation."""
    for language in ("kek", "mam"):
        world.submit("author", "/idiomas/traducir", {
            "traducir-language": language, "traducir-motivation": world.t(
                "translation.motivation", variant=language)})
    request_id = world.newest(TranslatorRequest, TranslatorRequest.language == "kek")
    world.submit("admin", "/admin/traduccion/solicitudes", {
        f"s{request_id}-decision": "aceptar", f"s{request_id}-note": world.t("translation.note")},
        action=f"/admin/traduccion/solicitudes/{request_id}")
    world.submit("author", "/cuenta/", {"credito-kek-credit": "organizacion"},
                 action="/idiomas/credito/kek")


def _round(world: World) -> None:
    start = utcnow() - timedelta(days=1)
    dates = {}
    with world.app.app_context():
        for kind in PhaseKind:
            begins = to_local(start + timedelta(days=10 * kind.order))
            ends = to_local(start + timedelta(days=10 * kind.order + 10))
            dates[f"{kind.value}_starts_at"] = begins.strftime("%Y-%m-%dT%H:%M")
            dates[f"{kind.value}_ends_at"] = ends.strftime("%Y-%m-%dT%H:%M")
    world.submit("admin", "/admin/consultas/nueva", {
        "plan": world.ids["plan"], "title": world.t("round.title"),
        "description": world.t("round.description"), **dates})
    world.ids["round"] = world.newest(ConsultationRound)


def _proposal(world: World, key: str, *, preview: bool = False) -> int:
    round_id = world.ids["round"]
    page = f"/consultas/{round_id}/propuestas/nueva"
    values = {
        "title": world.t("proposal.title", variant=key),
        "problem": world.t("proposal.problem", variant=key),
        "proposed_commitment": world.t("proposal.proposed_commitment", variant=key),
        "benefit": world.t("proposal.benefit", variant=key),
        "institution": world.t("proposal.institution", variant=key),
        "values": ["transparencia", "participacion"],
        "axis": world.ids["axis"],
        "organization": world.ids["organization"],
    }
    if preview:
        world.submit("author", page, values, button="accion=vista_previa", expect=(200,))
    world.submit("author", page, values, button="accion=publicar")
    world.ids[key] = world.newest(Proposal)
    return world.ids[key]


def _proposals(world: World) -> None:
    _proposal(world, "proposal", preview=True)
    withdrawn = _proposal(world, "withdrawn")
    _proposal(world, "restored")
    _proposal(world, "hidden")
    world.submit("author", f"/propuestas/{withdrawn}/retirar",
                 {"reason": world.t("proposal.withdrawal_reason")})
    world.submit("supporter", f"/propuestas/{world.ids['proposal']}",
                 action=f"/propuestas/{world.ids['proposal']}/apoyar")


def _workshop(world: World) -> None:
    """The MTGA records a workshop held today in Totonicapán and enters a proposal gathered
    there (typed, like every other text)."""
    round_id = world.ids["round"]
    with world.app.app_context():
        today = to_local(utcnow()).date().isoformat()
    world.submit("moderator", f"/consultas/{round_id}/talleres/nuevo", {
        "title": world.t("workshop.title"), "held_on": today, "department_code": "08",
        "municipality_code": "0801", "place": world.t("workshop.place"),
        "languages": ["es", "quc"], "facilitators": world.t("workshop.facilitators"),
        "total_ciudadania": "20", "women_ciudadania": "11", "men_ciudadania": "9"})
    world.ids["workshop"] = world.newest(Workshop)
    world.submit("moderator", f"/talleres/{world.ids['workshop']}/propuestas/nueva", {
        "title": world.t("proposal.title", variant="workshop"),
        "problem": world.t("proposal.problem", variant="workshop"),
        "proposed_commitment": world.t("proposal.proposed_commitment", variant="workshop"),
        "benefit": world.t("proposal.benefit", variant="workshop"),
        "institution": world.t("proposal.institution", variant="workshop"),
        "values": ["transparencia"], "axis": world.ids["axis"], "language": "es",
        "sector": "ciudadania"})
    world.ids["workshop_proposal"] = world.newest(Proposal)


def _forum(world: World) -> None:
    """The MTGA seats the organisation in the Mesa Técnica, writes its rules and records a
    meeting with its minutes (typed, like every other text)."""
    with world.app.app_context():
        today = to_local(utcnow()).date().isoformat()
    world.submit("moderator", "/mesa-tecnica/miembros",
                 {"organization_id": str(world.ids["organization"]), "role": "civil_society"})
    world.submit("moderator", "/mesa-tecnica/reglas", {"body": world.t("forum.rules")})
    world.submit("moderator", "/mesa-tecnica/reuniones/nueva", {
        "held_on": today, "place": world.t("meeting.place"),
        "agenda": world.t("meeting.agenda"), "minutes": world.t("meeting.minutes"),
        "decisions": world.t("meeting.decisions"),
        "organizations": [str(world.ids["organization"])],
        "people_present": world.t("meeting.people_present")})
    world.ids["meeting"] = world.newest(ForumMeeting)


def _comments(world: World) -> None:
    proposal = world.ids["proposal"]
    world.submit("supporter", f"/comentarios/propuestas/{proposal}/nuevo",
                 {"body": world.t("comment.body")})
    world.ids["comment"] = world.newest(Comment)
    comment = world.ids["comment"]
    world.submit("author", f"/comentarios/{comment}/responder", {"body": world.t("comment.reply")})
    world.ids["reply"] = world.newest(Comment)
    world.submit("supporter", f"/comentarios/{comment}/editar", {"body": world.t("comment.edit")})
    world.submit("supporter", f"/comentarios/propuestas/{proposal}/nuevo",
                 {"body": world.t("comment.body", variant="hidden")})
    world.ids["hidden_comment"] = world.newest(Comment)


def _reports(world: World) -> None:
    for kind, target in (("propuesta", world.ids["proposal"]),
                         ("comentario", world.ids["comment"]),
                         ("persona", world.ids["author"])):
        world.submit("reporter", f"/denunciar/{kind}/{target}",
                     {"reason": "otro", "details": world.t("report.details", variant=kind)})


def _moderation(world: World) -> None:
    base = "/moderacion/contenido"
    world.submit("moderator", f"{base}/motivos/nuevo", {
        "title": world.t("template.title"), "body": world.t("template.body")})
    template = world.newest(_reason_template_model())
    world.ids["template"] = template
    restored, hidden = world.ids["restored"], world.ids["hidden"]
    world.submit("moderator", f"{base}/propuestas/{restored}", {
        "template": template, "reason": world.t("moderation.hide_reason", variant="restored")},
        action=f"{base}/propuestas/{restored}/ocultar")
    world.submit("moderator", f"{base}/propuestas/{restored}", {
        "note": world.t("moderation.restore_note")},
        action=f"{base}/propuestas/{restored}/restaurar")
    world.submit("moderator", f"{base}/propuestas/{hidden}", {
        "template": "", "reason": world.t("moderation.hide_reason")},
        action=f"{base}/propuestas/{hidden}/ocultar")
    comment = world.ids["hidden_comment"]
    world.submit("moderator", f"{base}/comentarios/{comment}", {
        "template": "", "reason": world.t("moderation.hide_reason", variant="comment")},
        action=f"{base}/comentarios/{comment}/ocultar")
    blocked = world.ids["blocked"]
    world.submit("moderator", f"{base}/personas/{blocked}", {
        "reason": world.t("moderation.block_reason")},
        action=f"{base}/personas/{blocked}/bloquear")


def _reason_template_model():
    from participa.moderation.models import ReasonTemplate

    return ReasonTemplate


def _consolidation(world: World) -> None:
    round_id, proposal = world.ids["round"], world.ids["proposal"]
    world.submit("moderator", f"/moderacion/consultas/{round_id}/borradores/nuevo?p={proposal}",
                 {"title": world.t("draft.title")},
                 action=f"/moderacion/consultas/{round_id}/borradores/nuevo")
    world.ids["draft"] = world.newest(Commitment)
    draft = world.ids["draft"]
    restored = world.ids["restored"]
    world.submit("moderator", f"/moderacion/consultas/{round_id}/vincular?p={restored}",
                 {"commitment": draft}, action=f"/moderacion/consultas/{round_id}/vincular")
    world.submit("moderator", f"/moderacion/propuestas/{proposal}/respuesta", {
        "decision": "parcialmente", "reason": world.t("response.reason"), "commitment": draft})
    world.submit("moderator", f"/moderacion/propuestas/{world.ids['hidden']}/respuesta", {
        "decision": "no_incorporada", "reason": world.t("response.reason", variant="hidden"),
        "commitment": ""})
    world.submit("moderator", f"/moderacion/consultas/{round_id}/publicar")


VERSION_TEXTS = ("title", "lead_institution", "supporting_institutions", "problem",
                 "commitment_text", "contribution", "ogp_relevance", "additional_information",
                 "other_actors_public", "other_actors_civil", "observations")


def _versions(world: World) -> None:
    draft = world.ids["draft"]
    page = f"/planes/compromisos/{draft}/editar"
    for number in (2, 3):
        variant = f"v{number}"
        values = {name: world.t(f"version.{name}", variant=variant) for name in VERSION_TEXTS}
        values.update({
            "start_date": "2026-11", "end_date": "2028-08-30",
            "milestones-0-number": "1",
            "milestones-0-description": world.t("milestone.description", variant=variant),
            "milestones-0-responsible": world.t("milestone.responsible", variant=variant),
            "milestones-0-start_date": "2026-11", "milestones-0-end_date": "2027-06",
            "contacts-0-name": world.t("contact.name", variant=variant),
            "contacts-0-institution_post": world.t("contact.institution_post", variant=variant),
            "contacts-0-email": "contacto@example.org",
            "contacts-0-phone": world.t("contact.phone", variant=variant),
            "change_note": world.t("version.change_note", variant=variant),
        })
        world.submit("moderator", page, values, button="accion=guardar")
    world.submit("moderator", f"/planes/compromisos/{draft}",
                 action=f"/planes/compromisos/{draft}/versiones/3/definitiva")


def _later_phases(world: World) -> None:
    draft, round_id = world.ids["draft"], world.ids["round"]
    world.open_phase(PhaseKind.COMMENTS)
    with world.app.app_context():
        version_id = db.session.get(Commitment, draft).versions[-1].id
    world.submit("supporter", f"/comentarios/versiones/{version_id}/nuevo",
                 {"body": world.t("comment.draft"), "anchor": "hito:1"})
    world.ids["draft_comment"] = world.newest(Comment)
    # The workshop, held today, is now in the comments phase: staff type in a comment on
    # the draft gathered there.
    world.submit("moderator", f"/comentarios/talleres/{world.ids['workshop']}/nuevo",
                 {"commitment": draft, "anchor": "seccion:problem", "language": "es",
                  "body": world.t("comment.workshop")})
    world.ids["workshop_comment"] = world.newest(Comment)
    world.open_phase(PhaseKind.VOTE)
    world.submit("supporter", f"/consultas/{round_id}/priorizacion",
                 action=f"/consultas/{round_id}/priorizacion/{draft}/votar")


def _translation(world: World) -> None:
    """The author translates K'iche' and suggests a text; the moderator, who reviews it,
    adds a glossary term and rejects the suggestion with a note (roles are given on the
    server: the administrators' page for them comes later)."""
    with world.app.app_context():
        workspace_template.in_step()
        people = {who: db.session.get(User, world.ids[who]) for who in ("author", "moderator")}
        translation.grant(actor=None, user=people["author"], language="quc")
        translation.grant(actor=None, user=people["moderator"], language="quc", can_review=True)
        message = db.session.scalar(sa.select(SourceMessage).where(
            SourceMessage.key == message_key(None, "Consultas")))
        suggestion = translation.suggest(author=people["author"], message=message,
                                         language="quc", forms=["[quc] Consultas"])
        db.session.commit()
        world.ids["message"], suggestion_id = message.id, suggestion.id
    world.ids["language"] = "quc"
    world.submit("moderator", "/traduccion/quc/glosario", {
        "term": world.t("glossary.term"), "translation": world.t("glossary.translation"),
        "status": "prohibido", "note": world.t("glossary.note"),
        "source": world.t("glossary.source")})
    world.ids["term"] = world.newest(GlossaryTerm)
    world.submit("moderator", f"/traduccion/quc/{world.ids['message']}",
                 {"note": world.t("review.note")},
                 action=f"/traduccion/quc/sugerencias/{suggestion_id}/rechazar")


def _publication(world: World) -> None:
    world.open_phase(PhaseKind.PUBLICATION)
    world.submit("admin", f"/admin/consultas/{world.ids['round']}/publicar",
                 {"omit_unfinished": "y"})


def _tracking(world: World) -> None:
    """The published commitment's lead organisation is the author's; the author reports its
    milestone as withdrawn, the MTGA returns the update with a note, the author sends it
    again and the MTGA publishes it; someone comments on it."""
    draft = world.ids["draft"]
    with world.app.app_context():
        db.session.add(LeadOrganization(commitment_id=draft,
                                        organization_id=world.ids["organization"]))
        db.session.commit()
    response = world.submit("author", f"/seguimiento/compromisos/{draft}/avances/nuevo", {
        "milestone": "1", "status": "retirado", "body": world.t("progress.body"),
        "withdrawn_reason": world.t("progress.withdrawn_reason"),
        "links": "https://example.org/acta.pdf"}, button="enviar=1")
    world.ids["update"] = update = int(urlsplit(response.headers["Location"]).path
                                       .rsplit("/", 1)[1])
    page = f"/seguimiento/avances/{update}"
    world.submit("moderator", page, {"note": world.t("progress.note")},
                 action=f"{page}/devolver")
    world.submit("author", page, {"title": world.t("progress.file_title"),
                                  "archivo": None}, action=f"{page}/archivos",
                 expect=(422,))
    world.submit("author", page, action=f"{page}/enviar")
    world.submit("moderator", page, action=f"{page}/publicar")
    world.submit("supporter", f"/comentarios/avances/{update}/nuevo",
                 {"body": world.t("comment.update")})


def _assessment(world: World) -> None:
    """The MTGA opens the plan's mid-term self-assessment, with a typed narrative, and opens
    it for comment; someone comments on it and the MTGA answers."""
    plan = world.ids["plan"]
    world.submit("moderator", f"/planes/{plan}/autoevaluaciones/nueva",
                 {"kind": "medio_termino", "lessons": world.t("assessment.lessons")})
    page = f"/planes/{plan}/autoevaluaciones/medio_termino"
    world.submit("moderator", page, {"days": "14"}, action=f"{page}/comentarios")
    world.ids["assessment"] = assessment = world.newest(SelfAssessment)
    world.submit("supporter", f"/comentarios/autoevaluaciones/{assessment}/nuevo",
                 {"body": world.t("comment.assessment")})
    said = world.newest(Comment, Comment.assessment_id == assessment)
    world.submit("moderator", f"/comentarios/{said}/responder",
                 {"body": world.t("comment.assessment", variant="respuesta")})


STEPS = (_people, _signup, _organization, _volunteering, _round, _proposals, _workshop,
         _forum, _comments,
         _reports, _moderation, _consolidation, _versions, _later_phases, _translation,
         _publication, _tracking, _assessment)


def build(app, text: TextFor, *, steps=STEPS) -> World:
    """The whole consultation, typed with ``text``; ``world.problems`` lists what any answer
    on the way was not inert about."""
    world = World(app=app, text=text)
    for step in steps:
        step(world)
    return world
