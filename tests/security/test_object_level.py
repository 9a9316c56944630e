"""Object-level authorisation (SECURITY.md class 5): ids of other people's objects, or of
objects under another parent, in the address or in posted form fields, are refused and
change nothing. Each case runs on the world of ``authz_world`` inside a transaction that is
rolled back; beside each refusal, a control case shows the same request with the right ids
doing its work (so a refusal is not just a broken form)."""

from __future__ import annotations

from typing import NamedTuple

import pytest
import sqlalchemy as sa

from participa.comments.models import Comment
from participa.proposals.models import Proposal

from .authz_world import isolated, kept_cookies, sec_app, signed_in_client, world_of  # noqa: F401
from .redirects import OFF_SITE, stays_on_site

PROPOSAL = {
    "title": "Publicar los contratos de obra municipal",
    "problem": "Los contratos de obra no se publican.",
    "proposed_commitment": "Publicar cada contrato de obra en 48 horas.",
    "benefit": "La ciudadanía puede vigilar las obras.",
    "values": "transparencia",
    "institution": "Ministerio de Comunicaciones",
    "axis": "{axis}",
    "accion": "publicar",
}
COMMENT = {"body": "Un comentario de la prueba."}
RESPONSE = {"decision": "fusionada", "reason": "Se fusionó con otro compromiso."}


class Case(NamedTuple):
    who: str
    method: str
    path: str
    data: dict[str, str] | None
    status: int


# Refused: the status, and nothing written.
REFUSED = {
    # Proposals: an axis of another plan; an organisation the person does not act for.
    "proposal with another plan's axis": Case(
        "participant", "POST", "/consultas/{round}/propuestas/nueva",
        {**PROPOSAL, "axis": "{foreign_axis}"}, 422),
    "proposal for an organisation one is not a member of": Case(
        "member", "POST", "/consultas/{round}/propuestas/nueva",
        {**PROPOSAL, "organization": "{other_org}"}, 422),
    "editing another person's proposal": Case(
        "participant", "POST", "/propuestas/{proposal}/editar", PROPOSAL, 403),
    "withdrawing another person's proposal": Case(
        "participant", "POST", "/propuestas/{proposal}/retirar", {"reason": "Porque sí."}, 403),
    "supporting a pending proposal": Case(
        "participant", "POST", "/propuestas/{pending}/apoyar", None, 404),
    "supporting a hidden proposal": Case(
        "participant", "POST", "/propuestas/{hidden}/apoyar", None, 409),
    "supporting one's own proposal": Case("author", "POST", "/propuestas/{proposal}/apoyar",
                                          None, 403),
    # Comments: organisation, anchor, version, thread.
    "comment for an organisation one is not a member of": Case(
        "member", "POST", "/comentarios/propuestas/{proposal}/nuevo",
        {**COMMENT, "organization": "{other_org}"}, 422),
    "comment anchored to a milestone the version does not have": Case(
        "participant", "POST", "/comentarios/versiones/{draft_v2}/nuevo",
        {**COMMENT, "anchor": "hito-7"}, 422),
    "comment on an older version of a draft": Case(
        "participant", "POST", "/comentarios/versiones/{draft_v1}/nuevo", COMMENT, 409),
    "comment on a pending proposal": Case(
        "participant", "POST", "/comentarios/propuestas/{pending}/nuevo", COMMENT, 404),
    "reply to a hidden comment": Case(
        "participant", "POST", "/comentarios/{hidden_comment}/responder", COMMENT, 409),
    "reply to someone else's pending comment": Case(
        "participant", "POST", "/comentarios/{pending_comment}/responder", COMMENT, 404),
    "editing another person's comment": Case(
        "author", "POST", "/comentarios/{comment}/editar", COMMENT, 403),
    "editing a reply by its parent's author": Case(
        "commenter", "POST", "/comentarios/{reply}/editar", COMMENT, 403),
    # Votes: a commitment of another round, through this round's address.
    "vote for a draft of another round": Case(
        "participant", "POST", "/consultas/{vote_round}/priorizacion/{draft}/votar", None, 404),
    "vote for a published commitment": Case(
        "participant", "POST", "/consultas/{vote_round}/priorizacion/{published}/votar", None,
        404),
    # Reports: only what the public sees.
    "report a pending proposal": Case(
        "participant", "POST", "/denunciar/propuesta/{pending}", {"reason": "spam"}, 404),
    "report someone else's pending comment": Case(
        "participant", "POST", "/denunciar/comentario/{pending_comment}", {"reason": "spam"},
        404),
    "report one's own proposal": Case(
        "author", "POST", "/denunciar/propuesta/{proposal}", {"reason": "spam"}, 403),
    # Organisations: a manager decides only for their organisation, a plain member not at all.
    "a manager reads another organisation's requests": Case(
        "member", "GET", "/organizaciones/{other_org}/solicitudes", None, 403),
    "a manager decides for another organisation": Case(
        "member", "POST", "/organizaciones/{other_org}/solicitudes/{request2}",
        {"decision": "aceptar"}, 403),
    "another organisation's request through one's own": Case(
        "member", "POST", "/organizaciones/{cso}/solicitudes/{request2}",
        {"decision": "aceptar"}, 404),
    "a plain member decides": Case(
        "plain", "POST", "/organizaciones/{cso}/solicitudes/{request}",
        {"decision": "aceptar"}, 403),
    # The moderators' workspace: proposals and commitments of another round.
    "a draft from another round's proposal": Case(
        "moderator", "POST", "/moderacion/consultas/{round}/borradores/nuevo",
        {"p": "{fed}", "title": "Borrador"}, 404),
    "comparing another round's proposal": Case(
        "moderator", "GET", "/moderacion/consultas/{round}/comparar?p={proposal}&p={fed}", None,
        404),
    "attaching to a draft of another round": Case(
        "moderator", "POST", "/moderacion/consultas/{comments_round}/vincular",
        {"p": "{fed}", "commitment": "{ballot_draft}"}, 422),
    "a response naming a commitment of another round": Case(
        "moderator", "POST", "/moderacion/propuestas/{proposal}/respuesta",
        {**RESPONSE, "commitment": "{draft}"}, 422),
    "detaching a link that does not exist": Case(
        "moderator", "POST", "/moderacion/propuestas/{proposal}/compromisos/{draft}/desvincular",
        None, 404),
    # Drafts: versions are loaded through their commitment.
    "marking an older version final": Case(
        "moderator", "POST", "/planes/compromisos/{draft}/versiones/1/definitiva", None, 409),
    "marking final a version the draft does not have": Case(
        "moderator", "POST", "/planes/compromisos/{ballot_draft}/versiones/2/definitiva", None,
        404),
    "editing a published commitment": Case(
        "moderator", "POST", "/planes/compromisos/{published}/editar", {"base_number": "1"}, 409),
    # Moderation: templates offered, people who may be blocked, states.
    "hiding with a retired reason template": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar",
        {"template": "{retired_template}", "state": "{state_proposal}"}, 422),
    "hiding with a template that does not exist": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar",
        {"template": "99999", "state": "{state_proposal}"}, 422),
    "blocking an administrator": Case(
        "moderator", "POST", "/moderacion/contenido/personas/{admin}/bloquear",
        {"reason": "No.", "state": "{state_admin}"}, 403),
    "blocking a moderator": Case(
        "admin", "POST", "/moderacion/contenido/personas/{moderator}/bloquear",
        {"reason": "No.", "state": "{state_moderator}"}, 403),
    "a decision carrying another item's fingerprint": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar",
        {"reason": "Motivo.", "state": "{state_second}"}, 409),
    "a decision on a comment carrying a proposal's fingerprint": Case(
        "moderator", "POST", "/moderacion/contenido/comentarios/{comment}/ocultar",
        {"reason": "Motivo.", "state": "{state_proposal}"}, 409),
    "restoring something that is not hidden": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/restaurar",
        {"state": "{state_proposal}"}, 409),
    "approving something that is not pending": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/aprobar",
        {"state": "{state_proposal}"}, 409),
}

# Allowed: the same kind of request with the right ids; the status, and a write.
ALLOWED = {
    "proposal with the round's axis": Case(
        "participant", "POST", "/consultas/{round}/propuestas/nueva", PROPOSAL, 302),
    "proposal for one's own organisation": Case(
        "member", "POST", "/consultas/{round}/propuestas/nueva",
        {**PROPOSAL, "organization": "{cso}"}, 302),
    "comment for one's own organisation": Case(
        "member", "POST", "/comentarios/propuestas/{proposal}/nuevo",
        {**COMMENT, "organization": "{cso}"}, 303),
    "comment on the newest version": Case(
        "participant", "POST", "/comentarios/versiones/{draft_v2}/nuevo", COMMENT, 303),
    "reply to a visible comment": Case(
        "participant", "POST", "/comentarios/{comment}/responder", COMMENT, 303),
    "editing one's own comment": Case(
        "commenter", "POST", "/comentarios/{comment}/editar", {"body": "Texto corregido."}, 303),
    "vote for a draft of the round": Case(
        "participant", "POST", "/consultas/{vote_round}/priorizacion/{ballot_draft}/votar",
        None, 303),
    "a manager decides for their organisation": Case(
        "member", "POST", "/organizaciones/{cso}/solicitudes/{request}",
        {"decision": "aceptar"}, 302),
    "a draft from the round's proposals": Case(
        "moderator", "POST", "/moderacion/consultas/{round}/borradores/nuevo",
        {"p": "{proposal}", "title": "Borrador"}, 303),
    "a response naming a commitment of the round": Case(
        "moderator", "POST", "/moderacion/propuestas/{fed}/respuesta",
        {**RESPONSE, "commitment": "{draft}"}, 303),
    "marking the newest version final": Case(
        "moderator", "POST", "/planes/compromisos/{draft}/versiones/2/definitiva", None, 303),
    "hiding with an offered template": Case(
        "moderator", "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar",
        {"template": "{template}", "state": "{state_proposal}"}, 303),
    "blocking a participant": Case(
        "moderator", "POST", "/moderacion/contenido/personas/{author}/bloquear",
        {"reason": "Spam.", "state": "{state_author}"}, 303),
}


@pytest.fixture(scope="module")
def people(sec_app):  # noqa: F811
    """A signed-in client for everyone the cases act as."""
    names = {case.who for case in [*REFUSED.values(), *ALLOWED.values()]}
    return {name: signed_in_client(sec_app, name) for name in names}


def _run(app, people, case: Case):
    world = world_of(app)
    path = case.path.format(**world)
    data = {key: value.format(**world) if key not in ("next", "volver") else value
            for key, value in (case.data or {}).items()}
    client = people[case.who]
    with isolated(app) as transaction, kept_cookies(client):
        if case.method == "POST":
            response = client.post(path, data=data)
        else:
            response = client.get(path)
        body = response.get_data(as_text=True)
        writes = transaction.take_writes()
    return response, body, writes


@pytest.mark.parametrize("name", REFUSED)
def test_other_peoples_ids_are_refused(sec_app, people, name):  # noqa: F811
    response, body, writes = _run(sec_app, people, REFUSED[name])
    assert response.status_code == REFUSED[name].status, body[:2000]
    assert not writes, writes


@pytest.mark.parametrize("name", ALLOWED)
def test_the_right_ids_are_accepted(sec_app, people, name):  # noqa: F811
    response, body, writes = _run(sec_app, people, ALLOWED[name])
    assert response.status_code == ALLOWED[name].status, body[:2000]
    assert writes


def _newest(app, people, case: Case, model):
    """Run ``case`` and read the newest row of ``model`` inside its transaction."""
    world = world_of(app)
    client = people[case.who]
    data = {key: value.format(**world) for key, value in (case.data or {}).items()}
    with isolated(app) as transaction, kept_cookies(client):
        response = client.post(case.path.format(**world), data=data)
        row = transaction.connection.execute(
            sa.select(model.__table__).order_by(model.__table__.c.id.desc()).limit(1)
        ).one()
    return response, row


def test_an_organisation_posted_by_someone_who_acts_for_none_is_not_taken(sec_app, people):  # noqa: F811
    """The organisation menu is not offered to people who act for no organisation: an id
    posted by hand is ignored and the proposal or comment is their own, never the CSO's."""
    world = world_of(sec_app)
    participant = {**people, "participant": people["participant"]}
    proposal = Case("participant", "POST", "/consultas/{round}/propuestas/nueva",
                    {**PROPOSAL, "organization": "{cso}"}, 302)
    response, row = _newest(sec_app, participant, proposal, Proposal)
    assert response.status_code == 302
    assert row.author_id == world["participant"] and row.organization_id is None
    comment = Case("participant", "POST", "/comentarios/propuestas/{proposal}/nuevo",
                   {**COMMENT, "organization": "{cso}"}, 303)
    response, row = _newest(sec_app, participant, comment, Comment)
    assert response.status_code == 303
    assert row.author_id == world["participant"] and row.organization_id is None


# Where a form sends you afterwards: never off the site ----------------------------------

REDIRECTING = {
    "support": Case("participant", "POST", "/propuestas/{proposal}/apoyar", {}, 303),
    "vote": Case("participant", "POST",
                 "/consultas/{vote_round}/priorizacion/{ballot_draft}/votar", {}, 303),
    "report": Case("participant", "POST", "/denunciar/comentario/{comment}",
                   {"reason": "spam"}, 303),
    "moderation decision": Case("moderator", "POST",
                                "/moderacion/contenido/propuestas/{proposal}/descartar",
                                {"state": "{state_proposal}"}, 303),
    "new draft": Case("moderator", "POST", "/moderacion/consultas/{round}/borradores/nuevo",
                      {"p": "{proposal}", "title": "Borrador"}, 303),
    "detach": Case("moderator", "POST",
                   "/moderacion/propuestas/{fed}/compromisos/{draft}/desvincular", {}, 303),
}
PARAMETER = {"support": "next", "vote": "next", "report": "next"}


@pytest.mark.parametrize("name", REDIRECTING)
def test_no_form_sends_anyone_off_site(sec_app, people, name):  # noqa: F811
    case = REDIRECTING[name]
    people = {**people, **{case.who: people.get(case.who) or signed_in_client(sec_app, case.who)}}
    for target in OFF_SITE:
        data = {**case.data, PARAMETER.get(name, "volver"): target}
        response, body, _ = _run(sec_app, people, case._replace(data=data))
        assert response.status_code == case.status, body[:2000]
        assert stays_on_site(response.headers["Location"]), (target, response.headers)
