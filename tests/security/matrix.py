# ruff: noqa: E501  (a table: one row per line, its columns aligned)
"""THE authorisation matrix: what every route answers to every role, for every method.

One row per route and method (a few routes have one row per kind of object their address
takes). The expected outcomes are seven letters, one per role, in the order of the columns:

    a  anonymous        (not signed in)
    p  participant      (a confirmed person without any role)
    b  blocked          (a participant blocked by the moderation)
    m  member           (an accepted member and manager of a verified CSO, the world's "cso")
    t  translator
    M  moderator
    A  admin

and each letter is the class of the answer:

    o  ok          2xx; for a POST also a redirect anywhere but the log-in page
    r  redirect    a GET redirected anywhere but the log-in page (a GET that should show a
                   page and sends elsewhere instead is a finding, so it is told apart)
    l  login       a redirect to the log-in page (with ``next``)
    f  forbidden   403
    n  notfound    404
    i  invalid     400 or 422 (the form or the address is not valid)
    c  conflict    409 (allowed, but not in this state: already a member, a closed phase...)
    x  method      405

POST rows send an empty form (only the CSRF token) unless the row gives ``data``: a person
who may act gets "invalid" on a form route and "ok" on a button. Paths and data name the
objects of ``world.build_world`` in braces. Every method a route does not declare answers
405 to everyone (``test_other_methods_answer_405``).

A route of ``app.url_map`` missing from this table, or a row naming a route that no longer
exists, fails ``test_every_route_is_in_the_table``: add the route here with what each role
must get.
"""

from __future__ import annotations

from typing import NamedTuple

from .authz_world import ROLES

CLASSES = {
    "o": "ok", "r": "redirect", "l": "login", "f": "forbidden", "n": "notfound", "i": "invalid",
    "c": "conflict", "x": "method",
}

#                 a p b m t M A
PUBLIC =         "ooooooo"
SIGNED_IN =      "loooooo"
PARTICIPANTS =   "lofoooo"  # can_participate: signed in, confirmed, not blocked
MODERATORS =     "lffffoo"
ADMINS =         "lfffffo"
NOBODY =         "lffffff"  # signed in, but none of the roles (another person's object)
INVALID =        "iiiiiii"


class Row(NamedTuple):
    endpoint: str
    method: str
    path: str
    expected: str
    data: dict[str, str] | None = None

    def outcomes(self) -> dict[str, str]:
        assert len(self.expected) == len(ROLES), self
        return {role: CLASSES[letter] for role, letter in zip(ROLES, self.expected, strict=True)}


R = Row
HIDE = {"reason": "Motivo de la prueba.", "state": "{state_proposal}"}

TABLE: list[Row] = [
    # endpoint                             method  path                                                   a p b m t M A
    # Pages of the site
    R("core.home",                         "GET",  "/",                                                  PUBLIC),
    R("core.about",                        "GET",  "/acerca-de",                                         PUBLIC),
    R("core.privacy",                      "GET",  "/privacidad",                                        PUBLIC),
    R("core.healthz",                      "GET",  "/healthz",                                           PUBLIC),
    R("search.index",                      "GET",  "/buscar?q=compras",                                  PUBLIC),
    R("core.open_data",                    "GET",  "/datos-abiertos",                                    PUBLIC),
    R("core.openapi",                      "GET",  "/api/v1/openapi.json",                               PUBLIC),
    # Uploaded files: who sees one is its owner's rule (tests/files); none is stored here
    R("files.serve",                       "GET",  "/archivos/999999",                                   "nnnnnnn"),
    # Recorded audio: the MTGA and the translators (world: of K'iche') add recordings
    R("recordings.new",                    "GET",  "/grabaciones/compromiso/{draft}/nueva",              "lfffooo"),
    R("recordings.new",                    "POST", "/grabaciones/compromiso/{draft}/nueva",              "lfffiii"),
    R("recordings.show",                   "GET",  "/grabaciones/999999",                                "nnnnnnn"),
    R("recordings.hide",                   "POST", "/grabaciones/999999/ocultar",                        "lnnnnnn"),
    R("core.choose_language",              "GET",  "/idioma",                                            PUBLIC),
    R("languages.index",                   "GET",  "/idiomas",                                           PUBLIC),
    R("languages.ask",                     "GET",  "/idiomas/traducir",                                  SIGNED_IN),
    R("languages.ask",                     "POST", "/idiomas/traducir",                                  "liiiiii"),
    R("languages.credit",                  "POST", "/idiomas/credito/quc",                               "lnnnonn"),
    R("static",                            "GET",  "/static/css/site.css",                               PUBLIC),

    # Accounts. Signed-in people are sent home from log-in and sign-up; the e-mailed tokens
    # are the authority on their own pages (confirming sends everyone to log-in).
    R("accounts.signup",                   "GET",  "/cuenta/registro",                                   "orrrrrr"),
    R("accounts.signup",                   "POST", "/cuenta/registro",                                   "ioooooo"),
    R("accounts.check_email",              "GET",  "/cuenta/registro/revise-su-correo",                  PUBLIC),
    R("accounts.confirm",                  "GET",  "/cuenta/confirmar/{confirm_token}",                  PUBLIC),
    R("accounts.confirm",                  "POST", "/cuenta/confirmar/{confirm_token}",                  PUBLIC),
    R("accounts.resend_confirmation",      "GET",  "/cuenta/reenviar-confirmacion",                      PUBLIC),
    R("accounts.resend_confirmation",      "POST", "/cuenta/reenviar-confirmacion",                      INVALID),
    R("accounts.login",                    "GET",  "/cuenta/entrar",                                     "orrrrrr"),
    R("accounts.login",                    "POST", "/cuenta/entrar",                                     "ioooooo"),
    R("accounts.logout",                   "POST", "/cuenta/salir",                                      PUBLIC),
    R("accounts.forgot_password",          "GET",  "/cuenta/contrasena/olvido",                          PUBLIC),
    R("accounts.forgot_password",          "POST", "/cuenta/contrasena/olvido",                          INVALID),
    R("accounts.reset_password",           "GET",  "/cuenta/contrasena/restablecer/{reset_token}",       PUBLIC),
    R("accounts.reset_password",           "POST", "/cuenta/contrasena/restablecer/{reset_token}",       INVALID),
    R("accounts.profile",                  "GET",  "/cuenta/",                                           SIGNED_IN),
    R("accounts.profile",                  "POST", "/cuenta/",                                           "liiiiii"),
    R("accounts.change_password",          "GET",  "/cuenta/contrasena",                                 SIGNED_IN),
    R("accounts.change_password",          "POST", "/cuenta/contrasena",                                 "liiiiii"),
    R("accounts.end_sessions",             "POST", "/cuenta/cerrar-sesiones",                            "liiiiii"),
    R("accounts.delete_account",           "GET",  "/cuenta/eliminar",                                   SIGNED_IN),
    R("accounts.delete_account",           "POST", "/cuenta/eliminar",                                   "liiiiii"),
    # The second step of a log-in: without a right password just before, back to the log-in.
    R("accounts.login_code",               "GET",  "/cuenta/entrar/codigo",                              "rrrrrrr"),
    R("accounts.login_code",               "POST", "/cuenta/entrar/codigo",                              PUBLIC),
    R("accounts.login_recovery",           "GET",  "/cuenta/entrar/recuperacion",                        "rrrrrrr"),
    R("accounts.login_recovery",           "POST", "/cuenta/entrar/recuperacion",                        PUBLIC),
    R("accounts.two_factor_page",          "GET",  "/cuenta/dos-pasos",                                  MODERATORS),
    R("accounts.two_factor_start",         "POST", "/cuenta/dos-pasos/configurar",                       MODERATORS),
    R("accounts.two_factor_confirm",       "POST", "/cuenta/dos-pasos/confirmar",                        "lffffii"),
    R("accounts.two_factor_codes",         "POST", "/cuenta/dos-pasos/codigos",                          "lffffii"),
    R("accounts.two_factor_disable",       "POST", "/cuenta/dos-pasos/desactivar",                       "lffffii"),
    R("personal_data.download",            "GET",  "/cuenta/mis-datos/",                                 SIGNED_IN),
    R("personal_data.download",            "POST", "/cuenta/mis-datos/",                                 "liiiiii"),

    # Organisations: the member manages "cso"; deciding needs a manager of that organisation.
    R("organizations.index",               "GET",  "/organizaciones/",                                   PUBLIC),
    R("organizations.show",                "GET",  "/organizaciones/{cso}",                              PUBLIC),
    R("organizations.mine",                "GET",  "/organizaciones/mias",                               SIGNED_IN),
    R("organizations.request_membership",  "POST", "/organizaciones/{cso}/solicitar",                    "lofcooo"),
    R("organizations.requests",            "GET",  "/organizaciones/{cso}/solicitudes",                  "lffoffo"),
    R("organizations.decide",              "POST", "/organizaciones/{cso}/solicitudes/{request}",        "lffoffo",
      {"decision": "aceptar"}),

    # Plans, commitments, drafts and their versions
    R("plans.index",                       "GET",  "/planes/",                                           PUBLIC),
    R("plans.show",                        "GET",  "/planes/{plan}",                                     PUBLIC),
    R("publication.document",                    "GET",  "/planes/{plan}/documento",                           PUBLIC),
    R("publication.document_file",         "GET",  "/planes/{plan}/documento.docx",                      PUBLIC),
    R("publication.commitment_file",       "GET",  "/planes/compromisos/{published}/documento.odt",      PUBLIC),
    # Self-assessments of the plan ("assessment": its mid-term draft, by the moderator).
    R("assessments.show",                  "GET",  "/planes/{plan}/autoevaluaciones/medio_termino",      PUBLIC),
    R("assessments.document_file",         "GET",  "/planes/{plan}/autoevaluaciones/medio_termino/documento.odt", PUBLIC),
    R("assessments.new",                   "GET",  "/planes/{plan}/autoevaluaciones/nueva",              MODERATORS),
    R("assessments.new",                   "POST", "/planes/{plan}/autoevaluaciones/nueva",              "lffffii"),
    R("assessments.edit",                  "GET",  "/planes/{plan}/autoevaluaciones/medio_termino/editar", MODERATORS),
    R("assessments.edit",                  "POST", "/planes/{plan}/autoevaluaciones/medio_termino/editar", "lffffii"),
    R("assessments.open_comments",         "POST", "/planes/{plan}/autoevaluaciones/medio_termino/comentarios", "lffffii"),
    R("assessments.publish",               "POST", "/planes/{plan}/autoevaluaciones/medio_termino/publicar", "lffffcc"),
    R("plans.commitment",                  "GET",  "/planes/compromisos/{draft}",                        PUBLIC),
    R("plans.differences",                 "GET",  "/planes/compromisos/{draft}/diferencias",            PUBLIC),
    R("plans.edit_draft",                  "GET",  "/planes/compromisos/{draft}/editar",                 MODERATORS),
    R("plans.edit_draft",                  "POST", "/planes/compromisos/{draft}/editar",                 "lffffii"),
    R("plans.mark_final",                  "POST", "/planes/compromisos/{draft}/versiones/2/definitiva", MODERATORS),
    # The IRM's fields of a published commitment (a draft has none: 409).
    R("admin.irm_review",                  "GET",  "/admin/compromisos/{published}/irm",                 ADMINS),
    R("admin.irm_review",                  "GET",  "/admin/compromisos/{draft}/irm",                     "lfffffc"),
    R("admin.irm_review",                  "POST", "/admin/compromisos/{published}/irm",                 "lfffffi"),

    # Open data
    R("plans_api.plans",                   "GET",  "/api/v1/plans",                                      PUBLIC),
    R("plans_api.commitments",             "GET",  "/api/v1/commitments",                                PUBLIC),
    R("plans_api.commitments_csv",         "GET",  "/api/v1/commitments.csv",                            PUBLIC),
    R("assessments_api.assessments",       "GET",  "/api/v1/self-assessments",                           PUBLIC),
    R("assessments_api.assessments_csv",   "GET",  "/api/v1/self-assessments.csv",                       PUBLIC),
    R("comments_api.assessment_comments_csv", "GET", "/api/v1/self-assessments/{assessment_open}/comments.csv", PUBLIC),
    R("tracking_api.milestones",           "GET",  "/api/v1/milestones",                                 PUBLIC),
    R("tracking_api.milestones_csv",       "GET",  "/api/v1/milestones.csv",                             PUBLIC),
    R("tracking_api.updates",              "GET",  "/api/v1/progress-updates",                           PUBLIC),
    R("tracking_api.updates_csv",          "GET",  "/api/v1/progress-updates.csv",                       PUBLIC),
    R("tracking_api.evidence_csv",         "GET",  "/api/v1/progress-evidence.csv",                      PUBLIC),
    R("proposals_api.round_proposals",     "GET",  "/api/v1/rounds/{round}/proposals",                   PUBLIC),
    R("proposals_api.round_responses",     "GET",  "/api/v1/rounds/{round}/responses",                   PUBLIC),
    R("proposals_api.round_responses_csv", "GET",  "/api/v1/rounds/{round}/responses.csv",               PUBLIC),
    R("consultations_api.rounds",          "GET",  "/api/v1/rounds",                                     PUBLIC),
    R("plans_api.commitment_versions",     "GET",  "/api/v1/commitments/{draft}/versions",               PUBLIC),
    R("comments_api.comments",             "GET",  "/api/v1/comments",                                   PUBLIC),
    R("proposals_api.round_proposals_csv", "GET",  "/api/v1/rounds/{round}/proposals.csv",               PUBLIC),

    # Rounds, proposals and supports ("proposal" is the author's, in the proposals phase)
    R("consultations.index",               "GET",  "/consultas/",                                        PUBLIC),
    R("consultations.show",                "GET",  "/consultas/{round}",                                 PUBLIC),
    R("proposals.index",                   "GET",  "/consultas/{round}/propuestas",                      PUBLIC),
    R("proposals.similar",                 "GET",  "/consultas/{round}/propuestas/similares?titulo=compras", PUBLIC),
    # Workshops held in person: public pages; the MTGA records them and enters their proposals.
    R("workshops.round_list",              "GET",  "/consultas/{round}/talleres",                        PUBLIC),
    R("workshops.new",                     "GET",  "/consultas/{round}/talleres/nuevo",                  MODERATORS),
    R("workshops.new",                     "POST", "/consultas/{round}/talleres/nuevo",                  "lffffii"),
    R("workshops.show",                    "GET",  "/talleres/{workshop}",                               PUBLIC),
    R("proposals.enter_from_workshop",     "GET",  "/talleres/{workshop}/propuestas/nueva",              MODERATORS),
    R("proposals.enter_from_workshop",     "POST", "/talleres/{workshop}/propuestas/nueva",              "lffffii"),
    R("proposals.paper_form",              "GET",  "/talleres/{workshop}/formulario",                    PUBLIC),
    # The world's workshop was held in the round's proposals phase: it takes no comments on
    # drafts (409 for the MTGA; tests/workshops/test_workshop_comments.py when it does).
    R("comments.enter_from_workshop",      "GET",  "/comentarios/talleres/{workshop}/nuevo",             "lffffcc"),
    R("comments.enter_from_workshop",      "POST", "/comentarios/talleres/{workshop}/nuevo",             "lffffcc"),
    # The Mesa Técnica: a public page and meetings; the MTGA keeps its record.
    R("forum.page",                        "GET",  "/mesa-tecnica",                                      PUBLIC),
    R("forum.meeting",                     "GET",  "/mesa-tecnica/reuniones/{meeting}",                  PUBLIC),
    R("forum.new_meeting",                 "GET",  "/mesa-tecnica/reuniones/nueva",                      MODERATORS),
    R("forum.new_meeting",                 "POST", "/mesa-tecnica/reuniones/nueva",                      "lffffii"),
    R("forum.edit_meeting",                "GET",  "/mesa-tecnica/reuniones/{meeting}/editar",           MODERATORS),
    R("forum.edit_meeting",                "POST", "/mesa-tecnica/reuniones/{meeting}/editar",           "lffffii"),
    R("forum.new_document",                "GET",  "/mesa-tecnica/reuniones/{meeting}/documentos/nuevo", MODERATORS),
    R("forum.new_document",                "POST", "/mesa-tecnica/reuniones/{meeting}/documentos/nuevo", "lffffii"),
    R("forum.rules",                       "GET",  "/mesa-tecnica/reglas",                               MODERATORS),
    R("forum.rules",                       "POST", "/mesa-tecnica/reglas",                               "lffffii"),
    R("forum.members",                     "GET",  "/mesa-tecnica/miembros",                             MODERATORS),
    R("forum.members",                     "POST", "/mesa-tecnica/miembros",                             "lffffii"),
    R("forum_api.meetings",                "GET",  "/api/v1/forum/meetings",                             PUBLIC),
    R("forum_api.meetings_csv",            "GET",  "/api/v1/forum/meetings.csv",                         PUBLIC),
    # Statistics: public pages and their charts' CSV.
    R("stats.round_page",                  "GET",  "/consultas/{round}/estadisticas",                    PUBLIC),
    R("stats.round_csv",                   "GET",  "/consultas/{round}/estadisticas/departamento.csv",   PUBLIC),
    R("stats.plan_page",                   "GET",  "/planes/{plan}/estadisticas",                        PUBLIC),
    R("stats.plan_csv",                    "GET",  "/planes/{plan}/estadisticas/eje.csv",                PUBLIC),
    R("repository.page",                   "GET",  "/planes/{plan}/repositorio",                         PUBLIC),
    R("repository.feed",                   "GET",  "/planes/{plan}/repositorio.atom",                    PUBLIC),
    R("repository_api.listing",            "GET",  "/api/v1/plans/{plan}/repository",                    PUBLIC),
    R("repository_api.listing_csv",        "GET",  "/api/v1/plans/{plan}/repository.csv",                PUBLIC),
    R("proposals.new",                     "GET",  "/consultas/{round}/propuestas/nueva",                PARTICIPANTS),
    R("proposals.new",                     "POST", "/consultas/{round}/propuestas/nueva",                "lifiiii"),
    R("recordings.new_proposal",           "GET",  "/consultas/{round}/propuestas/grabada",              PARTICIPANTS),
    R("recordings.new_proposal",           "POST", "/consultas/{round}/propuestas/grabada",              "lifiiii"),
    R("proposals.show",                    "GET",  "/propuestas/{proposal}",                             PUBLIC),
    R("proposals.show",                    "GET",  "/propuestas/{hidden}",                               PUBLIC),
    R("proposals.show",                    "GET",  "/propuestas/{pending}",                              "nnnnnoo"),
    R("proposals.edit",                    "GET",  "/propuestas/{proposal}/editar",                      NOBODY),
    R("proposals.edit",                    "POST", "/propuestas/{proposal}/editar",                      NOBODY),
    R("proposals.withdraw",                "GET",  "/propuestas/{proposal}/retirar",                     NOBODY),
    R("proposals.withdraw",                "POST", "/propuestas/{proposal}/retirar",                     NOBODY),
    R("proposals.support",                 "POST", "/propuestas/{proposal}/apoyar",                      PARTICIPANTS),
    R("proposals.unsupport",               "POST", "/propuestas/{proposal}/retirar-apoyo",               PARTICIPANTS),
    R("proposals.participation",           "GET",  "/mi-participacion",                                  SIGNED_IN),

    # Comments ("comment" is the commenter's, on "proposal"; "draft_v2" is the newest
    # version of a draft whose round is in its comments phase)
    R("comments.permalink",                "GET",  "/comentarios/{comment}",                             "rrrrrrr"),
    R("comments.history",                  "GET",  "/comentarios/{comment}/historial",                   PUBLIC),
    R("comments.new_on_proposal",          "GET",  "/comentarios/propuestas/{proposal}/nuevo",           PARTICIPANTS),
    R("comments.new_on_proposal",          "POST", "/comentarios/propuestas/{proposal}/nuevo",           "lifiiii"),
    R("comments.new_on_version",           "GET",  "/comentarios/versiones/{draft_v2}/nuevo",            PARTICIPANTS),
    R("comments.new_on_version",           "POST", "/comentarios/versiones/{draft_v2}/nuevo",            "lifiiii"),
    R("comments.reply",                    "GET",  "/comentarios/{comment}/responder",                   PARTICIPANTS),
    R("comments.reply",                    "POST", "/comentarios/{comment}/responder",                   "lifiiii"),
    R("comments.edit",                     "GET",  "/comentarios/{comment}/editar",                      NOBODY),
    R("comments.edit",                     "POST", "/comentarios/{comment}/editar",                      NOBODY),

    # The prioritisation vote ("vote_round" is voting now, "ballot_draft" is on its ballot)
    R("voting.ballot",                     "GET",  "/consultas/{vote_round}/priorizacion",               PUBLIC),
    R("voting.vote",                       "POST", "/consultas/{vote_round}/priorizacion/{ballot_draft}/votar", PARTICIPANTS),
    R("voting.unvote",                     "POST", "/consultas/{vote_round}/priorizacion/{ballot_draft}/retirar-voto", PARTICIPANTS),

    # Notifications
    R("notifications.index",               "GET",  "/notificaciones/",                                   SIGNED_IN),
    R("notifications.mark_all_read",       "POST", "/notificaciones/leidas",                             SIGNED_IN),
    # Following: anyone signed in, what exists for her (a pending proposal only for moderators).
    R("notifications.follow",              "POST", "/notificaciones/seguir/proposal/{proposal}",         SIGNED_IN),
    R("notifications.follow",              "POST", "/notificaciones/seguir/proposal/{pending}",          "lnnnnoo"),
    R("notifications.follow",              "POST", "/notificaciones/seguir/commitment/{draft}",          SIGNED_IN),
    R("notifications.follow",              "POST", "/notificaciones/seguir/round/{round}",               SIGNED_IN),
    R("notifications.follow",              "POST", "/notificaciones/seguir/otra/{round}",                "lnnnnnn"),
    R("notifications.unfollow",            "POST", "/notificaciones/dejar-de-seguir/proposal/{proposal}", SIGNED_IN),
    R("notifications.unfollow",            "POST", "/notificaciones/dejar-de-seguir/round/{round}",      SIGNED_IN),
    # How often: the person's own choices; a form posted empty is refused on its fields.
    R("notifications.preferences",         "GET",  "/notificaciones/preferencias",                       SIGNED_IN),
    R("notifications.preferences",         "POST", "/notificaciones/preferencias",                       "liiiiii"),
    # The one-click stop: the signature is the authority (no log-in, no CSRF token).
    R("notifications.unsubscribe",         "GET",  "/notificaciones/baja/{unsubscribe_token}",           PUBLIC),
    R("notifications.unsubscribe",         "POST", "/notificaciones/baja/{unsubscribe_token}",           PUBLIC),
    R("notifications.unsubscribe",         "GET",  "/notificaciones/baja/firma-falsa",                   "nnnnnnn"),

    # Implementation tracking: "published" is reported by the member's organisation; its
    # updates are a draft, one in review and one published.
    R("tracking.index",                    "GET",  "/seguimiento/",                                      "lffofoo"),
    R("tracking.new",                      "GET",  "/seguimiento/compromisos/{published}/avances/nuevo", "lffofff"),
    R("tracking.new",                      "POST", "/seguimiento/compromisos/{published}/avances/nuevo", "lffifff"),
    R("tracking.update",                   "GET",  "/seguimiento/avances/{update_draft}",                "nnnonoo"),
    R("tracking.update",                   "GET",  "/seguimiento/avances/{update_published}",            PUBLIC),
    R("tracking.edit",                     "GET",  "/seguimiento/avances/{update_draft}/editar",         "lnnonff"),
    R("tracking.edit",                     "POST", "/seguimiento/avances/{update_draft}/editar",         "lnninff"),
    R("tracking.attach",                   "POST", "/seguimiento/avances/{update_draft}/archivos",       "lnninff"),
    R("tracking.submit",                   "POST", "/seguimiento/avances/{update_draft}/enviar",         "lnnonff"),
    R("tracking.publish",                  "POST", "/seguimiento/avances/{update_review}/publicar",      "lnnfnoo"),
    R("tracking.return_",                  "POST", "/seguimiento/avances/{update_review}/devolver",      "lnnfnii"),
    R("tracking.lead_organization",        "GET",  "/seguimiento/compromisos/{published}/institucion",   MODERATORS),
    R("tracking.lead_organization",        "POST", "/seguimiento/compromisos/{published}/institucion",   "lffffii"),
    R("comments.new_on_update",            "GET",  "/comentarios/avances/{update_published}/nuevo",      PARTICIPANTS),
    R("comments.new_on_update",            "POST", "/comentarios/avances/{update_published}/nuevo",      "lifiiii"),
    R("comments.new_on_update",            "GET",  "/comentarios/avances/{update_draft}/nuevo",          "lnnnnnn"),
    # On a self-assessment: during its comment period only (the draft: 409, blocked: 403).
    R("comments.new_on_assessment",        "GET",  "/comentarios/autoevaluaciones/{assessment_open}/nuevo", PARTICIPANTS),
    R("comments.new_on_assessment",        "POST", "/comentarios/autoevaluaciones/{assessment_open}/nuevo", "lifiiii"),
    R("comments.new_on_assessment",        "GET",  "/comentarios/autoevaluaciones/{assessment}/nuevo",   "lcfcccc"),
    R("comments.new_on_assessment",        "POST", "/comentarios/autoevaluaciones/{assessment}/nuevo",   "lcfcccc"),

    # Reports and the public moderation log
    R("moderation_public.report",          "GET",  "/denunciar/propuesta/{proposal}",                    PARTICIPANTS),
    R("moderation_public.report",          "POST", "/denunciar/propuesta/{proposal}",                    "lifiiii"),
    R("moderation_public.report",          "GET",  "/denunciar/comentario/{comment}",                    PARTICIPANTS),
    R("moderation_public.report",          "POST", "/denunciar/comentario/{comment}",                    "lifiiii"),
    R("moderation_public.report",          "GET",  "/denunciar/persona/{author}",                        PARTICIPANTS),
    R("moderation_public.report",          "POST", "/denunciar/persona/{author}",                        "lifiiii"),
    R("moderation_public.log",             "GET",  "/moderacion/registro",                               PUBLIC),
    R("moderation_public.log_csv",         "GET",  "/moderacion/registro.csv",                           PUBLIC),
    R("consolidation_public.report",       "GET",  "/consultas/{round}/informe",                         PUBLIC),
    R("consolidation_public.report_csv",   "GET",  "/consultas/{round}/informe.csv",                     PUBLIC),

    # The moderators' workspace: consolidation and responses
    R("consolidation.index",               "GET",  "/moderacion/",                                       MODERATORS),
    R("consolidation.workspace",           "GET",  "/moderacion/consultas/{round}",                      MODERATORS),
    R("consolidation.compare",             "GET",  "/moderacion/consultas/{round}/comparar?p={proposal}&p={second}", MODERATORS),
    R("consolidation.new_draft",           "GET",  "/moderacion/consultas/{round}/borradores/nuevo?p={proposal}", MODERATORS),
    R("consolidation.new_draft",           "POST", "/moderacion/consultas/{round}/borradores/nuevo",     "lffffii"),
    R("consolidation.attach",              "GET",  "/moderacion/consultas/{comments_round}/vincular?p={fed}", MODERATORS),
    R("consolidation.attach",              "POST", "/moderacion/consultas/{comments_round}/vincular",    "lffffii"),
    R("consolidation.respond",             "GET",  "/moderacion/propuestas/{proposal}/respuesta",        MODERATORS),
    R("consolidation.respond",             "POST", "/moderacion/propuestas/{proposal}/respuesta",        "lffffii"),
    R("consolidation.detach",              "POST", "/moderacion/propuestas/{fed}/compromisos/{draft}/desvincular", MODERATORS),
    R("consolidation.publish",             "GET",  "/moderacion/consultas/{round}/publicar",             MODERATORS),
    R("consolidation.publish",             "POST", "/moderacion/consultas/{round}/publicar",             MODERATORS),

    # The moderators' pages: reports, decisions, reason templates
    R("moderation.queue",                  "GET",  "/moderacion/contenido/denuncias",                    MODERATORS),
    R("moderation.pending",                "GET",  "/moderacion/contenido/pendientes",                   MODERATORS),
    R("moderation.hidden",                 "GET",  "/moderacion/contenido/ocultos",                      MODERATORS),
    R("moderation.blocked",                "GET",  "/moderacion/contenido/cuentas-bloqueadas",           MODERATORS),
    R("moderation.item",                   "GET",  "/moderacion/contenido/propuestas/{proposal}",        MODERATORS),
    R("moderation.item",                   "GET",  "/moderacion/contenido/comentarios/{comment}",        MODERATORS),
    R("moderation.item",                   "GET",  "/moderacion/contenido/personas/{author}",            MODERATORS),
    R("moderation.hide",                   "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar", "lffffii"),
    R("moderation.hide",                   "POST", "/moderacion/contenido/propuestas/{proposal}/ocultar", MODERATORS, HIDE),
    R("moderation.hide",                   "POST", "/moderacion/contenido/comentarios/{comment}/ocultar", MODERATORS,
      {**HIDE, "state": "{state_comment}"}),
    R("moderation.restore",                "POST", "/moderacion/contenido/propuestas/{hidden}/restaurar", MODERATORS,
      {"state": "{state_hidden}"}),
    R("moderation.restore",                "POST", "/moderacion/contenido/comentarios/{hidden_comment}/restaurar", MODERATORS,
      {"state": "{state_hidden_comment}"}),
    R("moderation.dismiss",                "POST", "/moderacion/contenido/propuestas/{proposal}/descartar", MODERATORS,
      {"state": "{state_proposal}"}),
    R("moderation.approve",                "POST", "/moderacion/contenido/propuestas/{pending}/aprobar",  MODERATORS,
      {"state": "{state_pending}"}),
    R("moderation.block",                  "POST", "/moderacion/contenido/personas/{author}/bloquear",   MODERATORS,
      {"reason": "Spam.", "state": "{state_author}"}),
    R("moderation.unblock",                "POST", "/moderacion/contenido/personas/{blocked}/desbloquear", MODERATORS,
      {"state": "{state_blocked}"}),
    # The queue of reported and hidden translations (issue 18); the world's pending
    # translation is neither hidden (nothing to restore: 409) nor reported (409).
    R("moderation.translations_queue",     "GET",  "/moderacion/contenido/traducciones",                 MODERATORS),
    R("moderation.hide_translation",       "POST", "/moderacion/contenido/traducciones/{ct_pending}/ocultar", "lffffii"),
    R("moderation.restore_translation",    "POST", "/moderacion/contenido/traducciones/{ct_pending}/restaurar", "lffffcc"),
    R("moderation.dismiss_translation_reports", "POST", "/moderacion/contenido/traducciones/{ct_pending}/descartar", "lffffcc"),
    R("moderation.templates",              "GET",  "/moderacion/contenido/motivos",                      MODERATORS),
    R("moderation.new_template",           "GET",  "/moderacion/contenido/motivos/nuevo",                MODERATORS),
    R("moderation.new_template",           "POST", "/moderacion/contenido/motivos/nuevo",                "lffffii"),
    R("moderation.edit_template",          "GET",  "/moderacion/contenido/motivos/{template}/editar",    MODERATORS),
    R("moderation.edit_template",          "POST", "/moderacion/contenido/motivos/{template}/editar",    "lffffii"),
    R("moderation.delete_template",        "POST", "/moderacion/contenido/motivos/{template}/eliminar",  MODERATORS),

    # The translation workspace: "translator" translates and reviews K'iche' (quc), "message"
    # is one of its messages with the author's pending "suggestion", "term" is in its glossary.
    # Administrators read every language but suggest and review only with a role.
    R("translation.index",                 "GET",  "/traduccion/",                                       SIGNED_IN),
    R("translation.messages",              "GET",  "/traduccion/quc",                                    "lfffofo"),
    R("translation.messages",              "GET",  "/traduccion/cak",                                    "lfffffo"),
    R("translation.messages",              "GET",  "/traduccion/es",                                     "lnnnnnn"),
    R("translation.message",               "GET",  "/traduccion/quc/{message}",                          "lfffofo"),
    R("translation.message",               "POST", "/traduccion/quc/{message}",                          "lfffiff"),
    R("translation.approve",               "POST", "/traduccion/quc/sugerencias/{suggestion}/aprobar",   "lfffoff"),
    R("translation.reject",                "POST", "/traduccion/quc/sugerencias/{suggestion}/rechazar",  "lfffiff"),
    R("translation.glossary_page",         "GET",  "/traduccion/quc/glosario",                           "lfffofo"),
    R("translation.glossary_page",         "POST", "/traduccion/quc/glosario",                           "lfffiff"),
    R("translation.edit_term",             "GET",  "/traduccion/quc/glosario/{term}",                    "lfffoff"),
    R("translation.edit_term",             "POST", "/traduccion/quc/glosario/{term}",                    "lfffiff"),
    # Content translation (issue 18): an item's translations are public (not a hidden
    # item's); the MTGA asks; "translator" of K'iche' translates, takes and reviews (the
    # pending translation is the author's); moderators hide and show again.
    R("content_translation.item",          "GET",  "/traduccion/contenido/proposal/{proposal}",          PUBLIC),
    R("content_translation.item",          "GET",  "/traduccion/contenido/proposal/{hidden}",            "nnnnnnn"),
    R("content_translation.ask",           "POST", "/traduccion/contenido/proposal/{proposal}/pedir",    "lffffoo", {"language": "kek"}),
    R("content_translation.translate",     "GET",  "/traduccion/contenido/proposal/{proposal}/quc",      "lfffoff"),
    R("content_translation.translate",     "POST", "/traduccion/contenido/proposal/{proposal}/quc",      "lfffiff"),
    R("content_translation.translate",     "GET",  "/traduccion/contenido/proposal/{proposal}/xx",       "lnnnnnn"),
    R("content_translation.review",        "POST", "/traduccion/contenido/traducciones/{ct_pending}/revisar", "lfffiff"),
    R("content_translation.hide",          "POST", "/traduccion/contenido/traducciones/{ct_pending}/ocultar", "lffffii"),
    R("content_translation.restore",       "POST", "/traduccion/contenido/traducciones/{ct_pending}/mostrar", "lffffcc"),
    # A reader reports a shown translation (a pending one is not shown: 409).
    R("content_translation.report",        "POST", "/traduccion/contenido/traducciones/{ct_pending}/denunciar", "lcfcccc"),
    R("content_translation.take",          "POST", "/traduccion/contenido/pedidos/{ct_request}/tomar",   "lfffoff"),
    R("content_translation.workspace",     "GET",  "/traduccion/quc/contenido",                          "lfffofo"),
    R("content_translation.workspace",     "GET",  "/traduccion/cak/contenido",                          "lfffffo"),
    R("content_translation.workspace",     "GET",  "/traduccion/es/contenido",                           "lnnnnnn"),
    R("content_translation_api.translations",     "GET", "/api/v1/translations",                    PUBLIC),
    R("content_translation_api.translations_csv", "GET", "/api/v1/translations.csv",                PUBLIC),

    # The administration
    R("admin.index",                       "GET",  "/admin/",                                            ADMINS),
    R("admin.users",                       "GET",  "/admin/usuarios",                                    ADMINS),
    R("admin.set_roles",                   "POST", "/admin/usuarios/{newcomer}/roles",                   ADMINS),
    R("admin.translator_roles",            "GET",  "/admin/usuarios/{newcomer}/traduccion",              ADMINS),
    R("admin.translator_roles",            "POST", "/admin/usuarios/{newcomer}/traduccion",              ADMINS),
    R("admin.translator_requests",         "GET",  "/admin/traduccion/solicitudes",                      ADMINS),
    R("admin.decide_translator_request",   "POST", "/admin/traduccion/solicitudes/{translator_request}", "lfffffi"),
    R("admin.organizations",               "GET",  "/admin/organizaciones",                              ADMINS),
    R("admin.create_organization",         "GET",  "/admin/organizaciones/nueva",                        ADMINS),
    R("admin.create_organization",         "POST", "/admin/organizaciones/nueva",                        "lfffffi"),
    R("admin.edit_organization",           "GET",  "/admin/organizaciones/{cso}/editar",                 ADMINS),
    R("admin.edit_organization",           "POST", "/admin/organizaciones/{cso}/editar",                 "lfffffi"),
    R("admin.add_manager",                 "POST", "/admin/organizaciones/{cso}/responsables",           "lfffffi"),
    R("admin.verify_organization",         "POST", "/admin/organizaciones/{other_org}/verificar",        ADMINS),
    R("admin.unverify_organization",       "POST", "/admin/organizaciones/{cso}/quitar-verificacion",    ADMINS),
    R("audit.index",                       "GET",  "/admin/auditoria/",                                  ADMINS),
    R("audit.export",                      "GET",  "/admin/auditoria/auditoria.csv",                     ADMINS),
    # The MTGA runs its rounds (the schedule, the vote, the publication); admins create them.
    R("consultations_admin.index",         "GET",  "/admin/consultas/",                                  MODERATORS),
    R("consultations_admin.create",        "GET",  "/admin/consultas/nueva",                             ADMINS),
    R("consultations_admin.create",        "POST", "/admin/consultas/nueva",                             "lfffffi"),
    R("consultations_admin.edit",          "GET",  "/admin/consultas/{round}/editar",                    MODERATORS),
    R("consultations_admin.edit",          "POST", "/admin/consultas/{round}/editar",                    "lffffii"),
    R("consultations_admin.publish",       "GET",  "/admin/consultas/{round}/publicar",                  MODERATORS),
    R("consultations_admin.publish",       "POST", "/admin/consultas/{round}/publicar",                  "lffffcc"),
]
