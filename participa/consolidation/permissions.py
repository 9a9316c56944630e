"""Who may do what in consolidation and responses. Each rule is one function that answers
with its refusal (a ``base.errors`` error) or None; the blueprint gate (``moderators_only``)
and the views ask them, the services enforce them, templates get booleans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..base.errors import Conflict, DomainError, NotAllowed, allows
from ..base.roles import can_moderate
from ..consultations.models import ConsultationRound
from ..plans.models import Commitment
from ..proposals.models import Proposal, Response, ResponseDecision

# The decisions that say a proposal fed no commitment: a link to one would contradict them.
NO_COMMITMENT = frozenset({ResponseDecision.NOT_INCORPORATED, ResponseDecision.OUT_OF_SCOPE})


def _moderators_only(user: object) -> DomainError | None:
    if can_moderate(user):
        return None
    return NotAllowed(_l("Solo la moderación puede hacer esto."))


def consolidate_refusal(user: object, round: ConsultationRound | None = None  # noqa: ARG001
                        ) -> DomainError | None:
    """See the workspace of a round, compare proposals, make drafts and attach proposals."""
    return _moderators_only(user)


can_consolidate = allows(consolidate_refusal)


def respond_refusal(user: object, proposal: Proposal | None = None  # noqa: ARG001
                    ) -> DomainError | None:
    """Prepare a response, or correct a published one; publish a round's responses."""
    return _moderators_only(user)


can_answer = allows(respond_refusal)



def can_see_unpublished(user: object) -> bool:
    """Prepared responses are the MTGA's work in progress until published."""
    return can_moderate(user)


def detach_refusal(user: object, commitment: Commitment, response: Response | None
                   ) -> DomainError | None:
    """A link may go while the proposal's response does not name its commitment."""
    if (refusal := consolidate_refusal(user)) is not None:
        return refusal
    if response is not None and response.commitment_id == commitment.id:
        return Conflict(_l("La respuesta a esta propuesta nombra este compromiso. Cambie "
                           "primero la respuesta; después podrá quitar el vínculo."))
    return None


can_detach = allows(detach_refusal)


def says_no_commitment(response: Response | None) -> bool:
    """The response (prepared or published) says the proposal fed no commitment."""
    return response is not None and response.decision in NO_COMMITMENT


class ResponseSaysOtherwise(Conflict):
    """Linking proposals whose responses say they fed no commitment (409). The message names
    each response (code, decision, published or not) in the reader's language; ``proposals``
    are the proposals concerned, for the page's links to correct their responses."""

    title = _l("Corrija primero la respuesta")

    def __init__(self, contradicted: Sequence[tuple[Proposal, Response]]) -> None:
        super().__init__()
        self.contradicted = list(contradicted)
        self.proposals = [proposal for proposal, _response in self.contradicted]

    def __str__(self) -> str:
        named = "; ".join(
            _("%(reference)s («%(decision)s», publicada)", reference=proposal.reference,
              decision=response.decision.label)
            if response.is_published else
            _("%(reference)s («%(decision)s», preparada sin publicar)",
              reference=proposal.reference, decision=response.decision.label)
            for proposal, response in self.contradicted
        )
        return ngettext(
            "La respuesta a %(responses)s dice que la propuesta no se tomó en cuenta en ningún "
            "compromiso: vincularla la contradiría. Corrija primero la respuesta (si ya es "
            "pública, se avisará de la corrección a quien envió la propuesta y a quienes la "
            "apoyan).",
            "Las respuestas a %(responses)s dicen que esas propuestas no se tomaron en cuenta "
            "en ningún compromiso: vincularlas las contradiría. Corrija primero las respuestas "
            "(de las que ya son públicas se avisará a quienes enviaron y apoyan cada "
            "propuesta).",
            len(self.contradicted), responses=named,
        )


def link_refusal(proposals: Iterable[Proposal], responses: dict[int, Response]
                 ) -> DomainError | None:
    """A proposal is linked to a commitment (a new draft, an attach) only while its response,
    prepared or published, does not say it fed none (``NO_COMMITMENT``): otherwise 409,
    correct the response first. ``responses``: proposal id -> its response."""
    contradicted = [(proposal, responses[proposal.id]) for proposal in proposals
                    if says_no_commitment(responses.get(proposal.id))]
    return ResponseSaysOtherwise(contradicted) if contradicted else None
