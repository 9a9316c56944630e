"""The public's comments on a self-assessment (issue 16, item 5): anyone who may take part
comments while its comment period is open, on its page; outside the period a translated
409; the MTGA answers, during the period and after it until publication, and the commenter
is told; moderation hides them as any comment; open data (JSON and CSV) and the document
count them; the page runs the same statements with 0 and many comments."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from participa.assessments import services
from participa.assessments.models import AssessmentKind
from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import permissions
from participa.comments import services as comments
from participa.comments.models import Comment
from participa.content.visibility import ModerationState
from participa.i18n.selection import language
from participa.moderation import public_views
from participa.moderation import services as moderation
from participa.moderation.models import ActionKind, ModerationAction
from participa.notifications.models import Notification
from participa.notifications.services import message_for
from participa.plans.models import PlanStatus

from ..factories import login, make_plan, make_user
from ..querycount import count_queries
from ..security.inert import DOCX, document_text
from ..tracking.tracked import published_commitment, setup

pytestmark = pytest.mark.usefixtures("db_session")
SAID = "¿Por qué el hito 3 no tiene fecha verificable?"
ANSWER = "La institución presentará la fecha en la próxima sesión de la Mesa Técnica."


def _assessment(s, *, open_days: int | None = 14, now=None):
    assessment = services.open_assessment(actor=s.mtga, plan=s.plan,
                                          kind=AssessmentKind.MID_TERM, narratives={})
    if open_days:
        services.open_comments(actor=s.mtga, assessment=assessment, days=open_days, now=now)
    db.session.commit()
    return assessment


def _url(s, suffix=""):
    return f"/planes/{s.plan.id}/autoevaluaciones/medio_termino{suffix}"


def test_anyone_signed_in_comments_during_the_period_and_the_mtga_answers(client):
    s = setup(count=2)
    assessment = _assessment(s)
    new = f"/comentarios/autoevaluaciones/{assessment.id}/nuevo"
    page = client.get(_url(s)).text
    assert "Comentarios del público" in page and "Inicie sesión para comentar." in page
    login(client, s.cso.email)
    assert 'action="' + new + '"' in client.get(_url(s)).text  # the form is on the page
    empty = client.post(new, data={"body": "  ", "language": "es"})
    assert empty.status_code == 422 and 'name="body"' in empty.text
    posted = client.post(new, data={"body": SAID, "language": "es"})
    said = db.session.scalar(sa.select(Comment.id).where(Comment.assessment_id == assessment.id))
    assert posted.status_code == 303 and posted.location.endswith(f"#comentario-{said}")
    assert SAID in client.get(_url(s)).text
    comment = db.session.scalar(sa.select(Comment).where(Comment.assessment_id == assessment.id))
    assert comment.proposal_id is None and comment.version_id is None
    client.post("/cuenta/salir")
    # The MTGA answers; the commenter hears of it, with a link to the comment on the page.
    login(client, s.mtga.email)
    answered = client.post(f"/comentarios/{comment.id}/responder",
                           data={"body": ANSWER, "language": "es"})
    assert answered.status_code == 303
    page = client.get(_url(s)).text
    assert ANSWER in page and page.index(SAID) < page.index(ANSWER)
    (told,) = db.session.scalars(sa.select(Notification).where(
        Notification.user_id == s.cso.id, Notification.kind == "comment_reply")).all()
    assert told.link.startswith(_url(s)) and told.link.endswith(f"#comentario-{comment.id + 1}")
    assert client.get(f"/comentarios/{comment.id}").location.endswith(
        f"{_url(s)}#comentario-{comment.id}")


def test_closed_outside_the_period_with_a_translated_refusal(app, client):
    s = setup(count=1)
    assessment = _assessment(s, open_days=None)
    new = f"/comentarios/autoevaluaciones/{assessment.id}/nuevo"
    login(client, s.cso.email)
    draft = client.post(new, data={"body": SAID, "language": "es"})
    assert draft.status_code == 409
    assert "todavía no está abierta a comentarios" in draft.text
    with app.test_request_context(), force_locale("en"):
        refusal = permissions.assessment_comment_refusal(s.cso, assessment)
        assert str(refusal) == "This self-assessment is not open for comments yet."
    assert "todavía no está abierta a comentarios" in client.get(_url(s)).text
    # Opened for 7 days, then over: closed again, saying when it ended.
    past = utcnow() - timedelta(days=30)
    services.open_comments(actor=s.mtga, assessment=assessment, days=7, now=past)
    comment = Comment(assessment_id=assessment.id, author_id=s.cso.id, body=SAID,
                      created_at=past + timedelta(days=1))
    db.session.add(comment)
    db.session.commit()
    over = client.post(new, data={"body": SAID, "language": "es"})
    assert over.status_code == 409 and "El período de comentarios de esta autoevaluación " \
        "terminó el" in over.text
    assert client.post(f"/comentarios/{comment.id}/responder",
                       data={"body": "Yo también.", "language": "es"}).status_code == 409
    assert Comment.query.count() == 1
    # After the period the MTGA still answers, until the self-assessment is published.
    with pytest.raises(Conflict):
        comments.post_comment(author=s.mtga, body="Nuevo.", assessment=assessment)
    comments.post_reply(author=s.mtga, parent=comment, body=ANSWER)
    services.publish(actor=s.mtga, assessment=assessment)
    with pytest.raises(Conflict):
        comments.post_reply(author=s.mtga, parent=comment, body="Otra respuesta.")
    db.session.commit()
    client.post("/cuenta/salir")
    page = client.get(_url(s)).text
    assert ANSWER in page and "terminó el" in page


def test_moderation_open_data_and_the_document(client):
    s = setup(count=1)
    assessment = _assessment(s)
    kept = comments.post_comment(author=s.cso, body=SAID, assessment=assessment)
    hidden = comments.post_comment(author=make_user(), body="Texto que la moderación ocultó.",
                                   assessment=assessment)
    comments.post_reply(author=s.mtga, parent=kept, body=ANSWER)
    moderation.hide(moderator=s.mtga, target=hidden, reason="spam")
    assert hidden.moderation_state == ModerationState.HIDDEN
    (told,) = db.session.scalars(sa.select(Notification).where(
        Notification.user_id == hidden.author_id)).all()
    with language("es"):  # said by the plan's title, in the reader's language
        assert message_for(told.kind, told.params) == (
            "La Mesa Técnica de Gobierno Abierto ocultó su comentario en la autoevaluación del "
            f"plan «{s.plan.title}». Usted todavía lo puede leer. Motivo: spam")
    other = published_commitment(make_plan(status=PlanStatus.IN_IMPLEMENTATION))
    db.session.commit()
    assert "Texto que la moderación ocultó." not in client.get(_url(s)).text
    data = client.get(f"/api/v1/comments?assessment={assessment.id}").get_json()["data"]
    assert [(c["body"], c["assessment_id"], c["commitment_id"]) for c in data] == [
        (SAID, assessment.id, None), (ANSWER, assessment.id, None)]
    assert client.get(f"/api/v1/comments?commitment={other.id}").get_json()["data"] == []
    response = client.get(f"/api/v1/self-assessments/{assessment.id}/comments.csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [row["body"] for row in rows] == [SAID, ANSWER]
    assert rows[1]["parent_id"] == str(kept.id)
    assert client.get(f"/api/v1/self-assessments/{assessment.id + 9}/comments.csv"
                      ).status_code == 404
    text = document_text(client.get(_url(s, "/documento.docx")).data, DOCX)
    assert "Comentarios del público" in text and "2 comentarios y respuestas" in text
    assert f"{_url(s)}#comentarios" in text


def test_the_page_runs_the_same_statements_with_0_and_many_comments(app, client):
    s = setup(count=2)
    assessment = _assessment(s)
    login(client, s.cso.email)
    counts = []
    for batch in range(2):
        if batch:
            for n in range(12):
                author = make_user(email_address=f"persona{n}@example.org")
                said = comments.post_comment(author=author, body=f"Comentario {n}.",
                                             assessment=assessment)
                comments.post_reply(author=s.mtga, parent=said, body=f"Respuesta {n}.")
            db.session.commit()
        with count_queries(app) as queries:
            response = client.get(_url(s))
        assert response.status_code == 200 and ("Respuesta 11." in response.text) == bool(batch)
        counts.append(queries)
    assert len(counts[0]) == len(counts[1]), counts[1]
    print(f"self-assessment page statements: 0 comments -> {len(counts[0])}, "
          f"24 -> {len(counts[1])}")


def test_the_public_log_names_each_kind_of_self_assessment_in_a_whole_sentence(app, client):
    """Each kind has its own translatable sentence in the public moderation log (a kind's
    label in lower case inside a sentence breaks in other languages), in the reader's
    language; the self-assessments and their plan are read with the log's own statements
    (the same with one such comment as with two)."""
    s = setup(count=1)
    mid = _assessment(s)
    end = services.open_assessment(actor=s.mtga, plan=s.plan, kind=AssessmentKind.END_OF_TERM,
                                   narratives={})
    services.open_comments(actor=s.mtga, assessment=end, days=14)
    db.session.commit()
    counts = []
    said = []
    for assessment in (mid, end):
        comment = comments.post_comment(author=s.cso, body=SAID, assessment=assessment)
        moderation.hide(moderator=s.mtga, target=comment, reason="Revisión.")
        moderation.restore(moderator=s.mtga, target=comment)
        db.session.commit()
        said.append(comment)
        client.get("/moderacion/registro")
        with count_queries(app) as statements:
            page = client.get("/moderacion/registro").text
        counts.append(statements)
    assert len(counts[0]) == len(counts[1]), counts[1]
    title = s.plan.title
    assert f"Comentario en la autoevaluación de medio término del plan «{title}»" in page
    assert f"Comentario en la autoevaluación de fin de término del plan «{title}»" in page
    assert f'href="/comentarios/{said[0].id}"' in page
    # In English (this module's tests share one app context, which keeps the first
    # request's locale: the sentence is asked for directly).
    with app.test_request_context("/"), force_locale("en"):
        assert [public_views.log_entry(action)["item"]["text"] for action in db.session.scalars(
            sa.select(ModerationAction).where(ModerationAction.action == ActionKind.HIDE)
            .order_by(ModerationAction.id))] == [
            f"Comment on the mid-term self-assessment of the plan “{title}”",
            f"Comment on the end-of-term self-assessment of the plan “{title}”"]


def test_each_kind_is_named_in_a_whole_sentence_on_the_comment_and_moderation_pages(client):
    """The moderator's page of a comment, the reply page and the refusal of a second
    self-assessment of a kind say each kind in its own sentence."""
    s = setup(count=1)
    mid = _assessment(s)
    end = services.open_assessment(actor=s.mtga, plan=s.plan, kind=AssessmentKind.END_OF_TERM,
                                   narratives={})
    services.open_comments(actor=s.mtga, assessment=end, days=14)
    said = {assessment.kind: comments.post_comment(author=s.cso, body=SAID,
                                                   assessment=assessment)
            for assessment in (mid, end)}
    db.session.commit()
    title = s.plan.title
    login(client, s.mtga.email)
    for kind, words in ((AssessmentKind.MID_TERM, "medio término"),
                        (AssessmentKind.END_OF_TERM, "fin de término")):
        comment = said[kind]
        item = client.get(f"/moderacion/contenido/comentarios/{comment.id}").text
        assert f"Comentario en la autoevaluación de {words} del plan <a" in item
        reply = client.get(f"/comentarios/{comment.id}/responder").text
        assert (f"Comentario sobre la autoevaluación de {words} del plan «{title}»."
                in reply)
        with pytest.raises(Conflict) as refused:
            services.open_assessment(actor=s.mtga, plan=s.plan, kind=kind, narratives={})
        assert refused.value.message == f"Este plan ya tiene su autoevaluación de {words}."


def test_the_open_data_counts_each_self_assessments_public_comments(app, client):
    """/api/v1/self-assessments and its CSV give each self-assessment the number of its
    visible comments and answers (hidden and pending ones not counted), read for the whole
    page in the same statements with one self-assessment and no comments as with two and
    many."""
    s = setup(count=1)
    mid = _assessment(s)

    def counted():
        client.get("/api/v1/self-assessments")  # what the first request of all reads once
        with count_queries(app) as statements:
            data = client.get("/api/v1/self-assessments").get_json()["data"]
        rows = list(csv.DictReader(io.StringIO(
            client.get("/api/v1/self-assessments.csv").text.lstrip("\ufeff"))))
        assert [row["comments"] for row in rows] == [str(item["comments"]) for item in data]
        return {item["kind"]: item["comments"] for item in data}, len(statements)

    none, before = counted()
    assert none == {"medio_termino": 0}
    # A second self-assessment on the page, and many comments: the same statements.
    services.open_assessment(actor=s.mtga, plan=s.plan, kind=AssessmentKind.END_OF_TERM,
                                   narratives={})
    for n in range(6):
        said = comments.post_comment(author=make_user(email_address=f"p{n}@example.org"),
                                     body=f"Comentario {n}.", assessment=mid)
        comments.post_reply(author=s.mtga, parent=said, body=f"Respuesta {n}.")
    moderation.hide(moderator=s.mtga, target=said, reason="Fuera de tema.")
    pending = comments.post_comment(author=make_user(), body="Espera.", assessment=mid)
    pending.moderation_state = ModerationState.PENDING
    db.session.commit()
    many, after = counted()
    assert many == {"medio_termino": 11, "fin_de_termino": 0}  # 12 written, 1 hidden
    assert after == before
    data = client.get(f"/api/v1/comments?assessment={mid.id}&per_page=100").get_json()
    assert data["meta"]["total"] == many["medio_termino"]
