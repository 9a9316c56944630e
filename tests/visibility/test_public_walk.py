"""SECURITY.md, "Alternate representations leak": every public page, JSON and CSV, walked as
an anonymous visitor and as a participant (who supports the hidden proposal), never shows
the text of a hidden or pending proposal or comment. The routes come from ``app.url_map``:
a new public route fails ``test_the_walk_covers_every_public_route`` until it is added here.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from participa.assessments.models import AssessmentKind
from participa.assessments.services import open_assessment, open_comments
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.files.services import store_bytes
from participa.files.sniffing import sniff
from participa.forum.models import ForumMeeting, ForumMember, ForumRole
from participa.plans.models import ActionPlan
from participa.recordings.models import OWNER as RECORDING_OWNER
from participa.recordings.models import Recording, Target

from ..factories import login_as, make_organization, make_user
from ..pages import html
from .conftest import HIDDEN, HIDDEN_REASON, MARKERS, SHARED_WORD

# Endpoints that are not public content: administration, moderators' pages, the person's own
# account pages, infrastructure. (Moderators' and administrators' pages are for them alone;
# tests/consolidation and tests/moderation check that everyone else is refused.)
NOT_PUBLIC_PREFIXES = (
    "admin.", "audit.", "consultations_admin.", "consolidation.", "moderation.",
    "accounts.", "notifications.", "personal_data.", "translation.",
)
NOT_PUBLIC = {
    "static", "core.healthz", "core.choose_language", "organizations.mine",
    "organizations.requests", "languages.ask",
    "recordings.new",  # the form of the MTGA and translators (tests/recordings: who may)
    "assessments.new", "assessments.edit",  # the MTGA's forms (tests/assessments: who may)
    # The translators' work (tests/content_translation: who may).
    "content_translation.workspace", "content_translation.translate",
    # The MTGA's forms for workshops and what staff type for them (tests/workshops).
    "workshops.new", "proposals.enter_from_workshop", "comments.enter_from_workshop",
    # The institutions' and the MTGA's implementation workspace (tests/tracking: who may).
    "tracking.index", "tracking.new", "tracking.edit", "tracking.lead_organization",
    # the MTGA's forms of the Mesa Técnica (tests/forum: who may)
    "forum.new_meeting", "forum.edit_meeting", "forum.rules", "forum.members",
    "forum.new_document",
}
# Public pages of things this walk's world does not make (a workshop, a progress update): their
# own tests check what they show and that a draft or hidden one answers 404.
COVERED_BY_THEIR_TESTS = {
    "workshops.show", "proposals.paper_form",  # tests/workshops
    "tracking.update", "comments.new_on_update",  # tests/tracking (drafts private)
}


def _urls(world: dict) -> dict[str, list[str]]:
    """endpoint -> the addresses walked, with the world's hidden and pending items."""
    w = world
    round_ = f"/consultas/{w['round']}"
    hidden_title = f"Reparar el {SHARED_WORD} municipal"
    return {
        "core.home": ["/"],
        "stats.plan_page": [f"/planes/{w['plan']}/estadisticas"],
        "stats.plan_csv": [f"/planes/{w['plan']}/estadisticas/{chart}.csv"
                           for chart in ("eje", "idioma", "respuestas", "participacion")],
        "stats.round_page": [f"/consultas/{w['round']}/estadisticas"],
        "stats.round_csv": [f"/consultas/{w['round']}/estadisticas/{chart}.csv"
                            for chart in ("eje", "departamento", "respuestas", "semana")],
        "workshops.round_list": [f"/consultas/{w['round']}/talleres"],
        "tracking_api.milestones": ["/api/v1/milestones"],
        "tracking_api.milestones_csv": ["/api/v1/milestones.csv"],
        "tracking_api.updates": ["/api/v1/progress-updates"],
        "tracking_api.updates_csv": ["/api/v1/progress-updates.csv"],
        "tracking_api.evidence_csv": ["/api/v1/progress-evidence.csv"],
        "content_translation_api.translations": ["/api/v1/translations"],
        "content_translation_api.translations_csv": ["/api/v1/translations.csv"],
        # The translations of a hidden, a pending and a visible proposal, and of a response.
        "content_translation.item": [f"/traduccion/contenido/proposal/{w[k]}"
                                     for k in ("hidden", "pending", "visible")],
        "assessments.show": [f"/planes/{w['plan']}/autoevaluaciones/medio_termino"],
        "assessments.document_file": [
            f"/planes/{w['plan']}/autoevaluaciones/medio_termino/documento.{extension}"
            for extension in ("docx", "odt")],
        "assessments_api.assessments": ["/api/v1/self-assessments"],
        "assessments_api.assessments_csv": ["/api/v1/self-assessments.csv"],
        "comments_api.assessment_comments_csv": [
            f"/api/v1/self-assessments/{w['assessment']}/comments.csv"],
        "publication.document_file": [f"/planes/{w['plan']}/documento.{extension}"
                                      for extension in ("docx", "odt")],
        "publication.commitment_file": [f"/planes/compromisos/{w[k]}/documento.docx"
                                        for k in ("published", "draft")],
        # A stored file whose owner no feature registers holds a hidden text: never served.
        "files.serve": [f"/archivos/{w['unowned_file']}",
                        f"/archivos/{w['hidden_recording_file']}",
                        f"/archivos/{w['pending_proposal_recording_file']}"],
        # A recording hidden by moderation, whose transcript holds a hidden text.
        "recordings.show": [f"/grabaciones/{w['hidden_recording']}",
                            f"/grabaciones/{w['pending_proposal_recording']}"],
        # A participant's proposal sent as a recording (its own form).
        "recordings.new_proposal": [f"{round_}/propuestas/grabada"],
        # The Mesa Técnica: its page, a meeting with minutes, and the open data.
        "forum.page": ["/mesa-tecnica"],
        "forum.meeting": [f"/mesa-tecnica/reuniones/{w['meeting']}"],
        "forum_api.meetings": ["/api/v1/forum/meetings"],
        "forum_api.meetings_csv": ["/api/v1/forum/meetings.csv"],
        "core.about": ["/acerca-de"],
        "core.privacy": ["/privacidad"],
        "core.open_data": ["/datos-abiertos"],
        "search.index": ["/buscar", f"/buscar?q={SHARED_WORD}", "/buscar?q=compras",
                         "/buscar?q=reparar+municipal"],
        "core.openapi": ["/api/v1/openapi.json"],
        "consultations_api.rounds": ["/api/v1/rounds"],
        "proposals_api.round_responses": [f"/api/v1/rounds/{w['round']}/responses"],
        "proposals_api.round_responses_csv": [f"/api/v1/rounds/{w['round']}/responses.csv"],
        "plans_api.commitment_versions": [f"/api/v1/commitments/{w[k]}/versions"
                                          for k in ("draft", "published")],
        "comments_api.comments": [
            "/api/v1/comments", f"/api/v1/comments?proposal={w['visible']}",
            f"/api/v1/comments?proposal={w['hidden']}",
            f"/api/v1/comments?version={w['draft_version']}",
            f"/api/v1/comments?commitment={w['draft']}", "/api/v1/comments?per_page=500",
            f"/api/v1/comments?assessment={w['assessment']}"],
        "languages.index": ["/idiomas"],
        "plans.index": ["/planes/"],
        "repository.page": [f"/planes/{w['plan']}/repositorio"],
        "repository.feed": [f"/planes/{w['plan']}/repositorio.atom"],
        "repository_api.listing": [f"/api/v1/plans/{w['plan']}/repository"],
        "repository_api.listing_csv": [f"/api/v1/plans/{w['plan']}/repository.csv"],
        "plans.show": [f"/planes/{w['plan']}"],
        "publication.document": [f"/planes/{w['plan']}/documento"],
        "plans.commitment": [f"/planes/compromisos/{w['published']}",
                             f"/planes/compromisos/{w['draft']}"],
        "plans.differences": [f"/planes/compromisos/{w['draft']}/diferencias"],
        "plans.edit_draft": [f"/planes/compromisos/{w['draft']}/editar"],
        "plans_api.plans": ["/api/v1/plans"],
        "plans_api.commitments": ["/api/v1/commitments"],
        "plans_api.commitments_csv": ["/api/v1/commitments.csv"],
        "organizations.index": ["/organizaciones/"],
        "organizations.show": [f"/organizaciones/{w['organization']}"],
        "consultations.index": ["/consultas/"],
        "consultations.show": [round_],
        "voting.ballot": [f"{round_}/priorizacion"],
        "consolidation_public.report": [f"{round_}/informe"],
        "consolidation_public.report_csv": [f"{round_}/informe.csv"],
        "proposals.index": [
            f"{round_}/propuestas", f"{round_}/propuestas?q={SHARED_WORD}",
            f"{round_}/propuestas?sort=most_supported", f"{round_}/propuestas?status=publicada",
            f"{round_}/propuestas?sort=random&seed=7",
        ],
        "proposals.new": [f"{round_}/propuestas/nueva"],
        "proposals.similar": [f"{round_}/propuestas/similares?titulo={hidden_title}"],
        "proposals.show": [f"/propuestas/{w[k]}" for k in ("visible", "hidden", "pending")],
        "proposals.edit": [f"/propuestas/{w[k]}/editar" for k in ("hidden", "pending")],
        "proposals.withdraw": [f"/propuestas/{w[k]}/retirar" for k in ("hidden", "pending")],
        "proposals.participation": ["/mi-participacion"],
        "proposals_api.round_proposals": [
            f"/api/v1/rounds/{w['round']}/proposals",
            f"/api/v1/rounds/{w['round']}/proposals?q={SHARED_WORD}",
            f"/api/v1/rounds/{w['round']}/proposals?sort=most_supported&per_page=100",
        ],
        "proposals_api.round_proposals_csv": [
            f"/api/v1/rounds/{w['round']}/proposals.csv",
            f"/api/v1/rounds/{w['round']}/proposals.csv?q={SHARED_WORD}",
        ],
        "comments.permalink": [f"/comentarios/{w[k]}" for k in (
            "comment", "hidden_comment", "pending_comment", "draft_pending")],
        "comments.history": [f"/comentarios/{w[k]}/historial" for k in (
            "comment", "hidden_comment", "pending_comment", "reply", "draft_hidden",
            "draft_pending")],
        "comments.reply": [f"/comentarios/{w[k]}/responder" for k in (
            "hidden_comment", "pending_comment", "reply", "draft_pending")],
        "comments.edit": [f"/comentarios/{w[k]}/editar" for k in (
            "hidden_comment", "pending_comment")],
        "comments.new_on_proposal": [f"/comentarios/propuestas/{w[k]}/nuevo" for k in (
            "visible", "hidden", "pending")],
        "comments.new_on_version": [f"/comentarios/versiones/{w['draft_version']}/nuevo"],
        "comments.new_on_assessment": [f"/comentarios/autoevaluaciones/{w['assessment']}/nuevo"],
        "moderation_public.log": ["/moderacion/registro"],
        "moderation_public.log_csv": ["/moderacion/registro.csv"],
        "moderation_public.report": [
            f"/denunciar/propuesta/{w['hidden']}", f"/denunciar/propuesta/{w['pending']}",
            f"/denunciar/comentario/{w['hidden_comment']}",
            f"/denunciar/comentario/{w['pending_comment']}",
        ],
    }


@pytest.fixture
def walk_world(app, world) -> dict:
    with app.app_context():
        organization = make_organization(name="Acción Ciudadana")
        unowned = store_bytes(HIDDEN.encode(), sniff(HIDDEN.encode()), name="nota.txt",
                              user=None, owner="nadie")
        audio = store_bytes(b"OggS" + HIDDEN.encode(), sniff(b"OggS" + HIDDEN.encode()) or
                            sniff(HIDDEN.encode()), name="grabacion.ogg", user=None,
                            owner=RECORDING_OWNER)
        recording = Recording(file=audio, target=Target.COMMITMENT,
                              target_id=world["published"], language="es",
                              transcript=f"Transcripción: {HIDDEN}", duration_seconds=3)
        recording.hide(HIDDEN_REASON, utcnow())
        db.session.add(recording)
        # The pending proposal's recording (a proposal received as a recording, issue 18):
        # visible itself, but not heard until the moderation approves the proposal.
        spoken = store_bytes(b"OggS" + HIDDEN.encode() + b" dicho",
                             sniff(b"OggS" + HIDDEN.encode()) or sniff(HIDDEN.encode()),
                             name="propuesta.ogg", user=None, owner=RECORDING_OWNER)
        proposal_recording = Recording(file=spoken, target=Target.PROPOSAL,
                                       target_id=world["pending"], language="es",
                                       transcript="", duration_seconds=3)
        db.session.add(proposal_recording)
        # The plan's mid-term self-assessment, built from what is published, open for
        # comment: a visible comment and a hidden one.
        mtga = make_user(name="Mesa Técnica", is_admin=True)
        assessment = open_assessment(actor=mtga, plan=db.session.get(ActionPlan, world["plan"]),
                                     kind=AssessmentKind.MID_TERM, narratives={})
        open_comments(actor=mtga, assessment=assessment, days=30)
        said = make_user(name="Vecina que comenta")
        db.session.add_all([
            Comment(assessment_id=assessment.id, author_id=said.id,
                    body="Un comentario visible sobre la autoevaluación."),
            Comment(assessment_id=assessment.id, author_id=said.id,
                    body=f"Comentario oculto: {HIDDEN}", moderation_state=ModerationState.HIDDEN,
                    hidden_reason=HIDDEN_REASON, hidden_at=utcnow())])
        member = ForumMember(organization=organization, role=ForumRole.CIVIL_SOCIETY)
        meeting = ForumMeeting(held_on=utcnow().date(), place="SEGEPLAN", agenda="Agenda",
                               minutes="Acta de la reunión", organizations=[organization])
        db.session.add_all([member, meeting])
        db.session.commit()
        return {**world, "meeting": meeting.id, "assessment": assessment.id,
                "organization": organization.id, "unowned_file": unowned.id,
                "hidden_recording": recording.id, "hidden_recording_file": audio.id,
                "pending_proposal_recording": proposal_recording.id,
                "pending_proposal_recording_file": spoken.id}


def _public_endpoints(app) -> set[str]:
    return {
        rule.endpoint for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.endpoint not in NOT_PUBLIC | COVERED_BY_THEIR_TESTS
        and not rule.endpoint.startswith(NOT_PUBLIC_PREFIXES)
        and not rule.rule.startswith("/_pruebas")
    }


def test_the_walk_covers_every_public_route(app, walk_world):
    missing = _public_endpoints(app) - set(_urls(walk_world))
    assert not missing, f"add these public routes to the walk: {sorted(missing)}"


def _body_text(response) -> str:
    """The text a representation carries: a .docx or .odt is a zip whose text is its XML."""
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist() if name.endswith(".xml"))
    return data.decode("utf-8", "replace")


def _assert_no_marker(url: str, response) -> None:
    body = _body_text(response)
    assert response.status_code < 500, (url, body[:500])
    for marker in MARKERS:
        assert marker not in body, (url, response.status_code, marker)
    # Nor in a redirect's address.
    for marker in MARKERS:
        assert marker not in response.headers.get("Location", ""), url


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_no_public_representation_shows_hidden_or_pending_text(client, app, walk_world, who):
    login_as(client, who)
    endpoints = _public_endpoints(app)
    walked = 0
    for endpoint, urls in _urls(walk_world).items():
        if endpoint not in endpoints:
            continue  # a route of a feature that is not installed
        for url in urls:
            _assert_no_marker(url, client.get(url))
            walked += 1
    assert walked > 50


def test_lists_and_counts_leave_hidden_and_pending_proposals_out(client, world):
    round_ = f"/consultas/{world['round']}"
    page = html(client.get(f"{round_}/propuestas"))
    assert "Publicar las compras municipales" in page
    assert '<p role="status">1 propuesta</p>' in page
    search = html(client.get(f"{round_}/propuestas", query_string={"q": SHARED_WORD}))
    assert '<p role="status">0 propuestas</p>' in search
    assert "Ninguna propuesta coincide con la búsqueda." in search

    api = client.get(f"/api/v1/rounds/{world['round']}/proposals").get_json()
    assert [item["id"] for item in api["data"]] == [world["visible"]]
    assert api["meta"]["total"] == 1
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/api/v1/rounds/{world['round']}/proposals.csv").get_data(as_text=True)
        .lstrip("\ufeff"))))
    assert [int(row["id"]) for row in rows] == [world["visible"]]

    similar = client.get(f"{round_}/propuestas/similares",
                         query_string={"titulo": f"Reparar el {SHARED_WORD} municipal"})
    # Only the visible proposal (which shares "municipal") is suggested.
    assert [item["url"] for item in similar.get_json()] == [f"/propuestas/{world['visible']}"]

    # The round's counts: the visible proposal, its author and its supporter.
    show = html(client.get(round_))
    assert "<li>1 propuesta</li>" in show
    assert "<li>2 participantes</li>" in show


def test_the_report_keeps_the_hidden_row_without_its_texts(client, world):
    page = html(client.get(f"/consultas/{world['round']}/informe"))
    assert world["hidden_ref"] in page
    assert f"Oculto por moderación: {HIDDEN_REASON}" in page
    assert world["pending_ref"] not in page  # not approved yet: no row
    assert "No cabe en el plan." in page  # the MTGA's own response stays
    assert "2 aportes" in page

    text = client.get(f"/consultas/{world['round']}/informe.csv").get_data(as_text=True)
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert world["pending_ref"] not in rows
    hidden = rows[world["hidden_ref"]]
    assert hidden["title"] == "Oculto por moderación"
    assert hidden["moderation"] == "oculto"
    assert hidden["moderation_reason"] == HIDDEN_REASON
    assert hidden["decision"] == "no_incorporada"
    visible = [row for ref, row in rows.items() if ref != world["hidden_ref"]]
    assert [row["moderation"] for row in visible] == ["visible"]
    assert visible[0]["title"] == "Publicar las compras municipales"
    assert visible[0]["moderation_reason"] == ""


def test_the_plan_document_and_the_commitment_page_keep_the_hidden_line(client, world):
    for url in (f"/planes/{world['plan']}/documento",
                f"/planes/compromisos/{world['published']}"):
        page = html(client.get(url))
        assert world["hidden_ref"] in page, url
        assert f"Oculto por moderación: {HIDDEN_REASON}" in page, url
        assert world["pending_ref"] not in page, url
        assert "Publicar las compras municipales" in page, url


def test_the_hidden_proposal_page_shows_the_placeholder_and_the_reason(client, world):
    response = client.get(f"/propuestas/{world['hidden']}")
    assert response.status_code == 200
    page = html(response)
    assert "Propuesta oculta por moderación" in page
    assert f"Oculto por moderación: {HIDDEN_REASON}" in page
    assert world["hidden_ref"] in page
    assert "Ana Autora" in page  # who wrote it stays
    assert "<title>" in page and HIDDEN not in page
    # No support button, and no comment form.
    assert "/apoyar" not in page
    assert "La moderación ocultó la propuesta: ya no recibe comentarios." in page


def test_a_pending_proposal_does_not_exist_for_the_public(client, world):
    assert client.get(f"/propuestas/{world['pending']}").status_code == 404
    login_as(client, "other")
    assert client.get(f"/propuestas/{world['pending']}").status_code == 404
    assert client.post(f"/propuestas/{world['pending']}/apoyar").status_code == 404


def test_threads_keep_the_hidden_comment_in_its_place(client, world):
    page = html(client.get(f"/propuestas/{world['visible']}"))
    assert "Un comentario a la vista." in page
    assert f"Comentario oculto por moderación: {HIDDEN_REASON}" in page
    # The reply stays readable, under the placeholder.
    placeholder = page.index(f'id="comentario-{world["hidden_comment"]}"')
    reply = page.index(f'id="comentario-{world["reply"]}"')
    assert placeholder < reply
    assert "Una respuesta que sigue a la vista." in page
    assert page[placeholder:reply].count('class="comment-replies"') == 1
    # The pending comment is not there at all; the count is of what is shown.
    assert f'id="comentario-{world["pending_comment"]}"' not in page
    assert 'Comentarios <span class="count">(3)</span>' in page
    # No "Responder" under the hidden comment.
    assert f"/comentarios/{world['hidden_comment']}/responder" not in page


def test_the_draft_thread_follows_the_same_rule(client, world):
    page = html(client.get(f"/planes/compromisos/{world['draft']}"))
    assert "Comentario visible del borrador." in page
    assert f"Comentario oculto por moderación: {HIDDEN_REASON}" in page
    assert f'id="comentario-{world["draft_pending"]}"' not in page


def test_the_history_of_a_hidden_comment_hides_its_texts(client, world):
    page = html(client.get(f"/comentarios/{world['hidden_comment']}/historial"))
    assert f"Comentario oculto por moderación: {HIDDEN_REASON}" in page
    assert "Los textos anteriores de un comentario oculto también están ocultos." in page
    assert client.get(f"/comentarios/{world['pending_comment']}/historial").status_code == 404
    assert client.get(f"/comentarios/{world['pending_comment']}").status_code == 404


def test_a_supporter_sees_the_placeholder_in_mi_participacion(client, world):
    login_as(client, "other")
    page = html(client.get("/mi-participacion"))
    assert world["hidden_ref"] in page
    assert f"Oculto por moderación: {HIDDEN_REASON}" in page
    # The support can still be taken back from the hidden proposal's page.
    proposal_page = html(client.get(f"/propuestas/{world['hidden']}"))
    assert f"/propuestas/{world['hidden']}/retirar-apoyo" in proposal_page
