"""The benchmark's data set (``/work/shared/BENCHMARK.md``, "The data set"), built
deterministically from a seed with bulk inserts: ``executemany`` on SQLite, ``COPY`` on
PostgreSQL. ``flask bench seed`` runs it; ``check`` verifies the invariants the application
keeps (denormalised counts, threads, the full-text index) on the result.

Rows are written with explicit ids, in the order of the foreign keys, inside one
transaction; the tables' own triggers keep the SQLite FTS5 index (``proposals_fts``) and
PostgreSQL's GIN index maintains itself; the search text is folded here exactly as the
model's ORM events fold it. Every date is fixed (``SEED_NOW``, rounds open until 2099), so
the same seed gives the same rows on every machine and every day.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from psycopg import sql

from ..accounts.models import User
from ..base.extensions import db
from ..comments.models import Comment, CommentRevision
from ..content.text import fold
from ..demo.proposal_data import AXES
from ..plans.models import Commitment
from ..proposals.models import Proposal, Support
from ..proposals.queries import search
from ..voting.models import Vote
from . import words

GUATEMALA = ZoneInfo("America/Guatemala")
# The generator's "now": every generated date is at or before it, except open phases.
SEED_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
# Open rounds stay open until then.
FAR_FUTURE = datetime(2099, 1, 1, 6, 0, tzinfo=UTC)
# Every generated account signs in with this password (the benchmark logs in through the
# real log-in form).
PASSWORD = "participa-benchmark-clave-2026"
EMAIL_DOMAIN = "bench.example.org"
ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"


def moderator_email(n: int) -> str:
    return f"moderador{n}@{EMAIL_DOMAIN}"


def person_email(user_id: int) -> str:
    return f"persona{user_id}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class Scale:
    users: int
    organizations: int
    moderators: int
    plans: int
    rounds: int
    proposals: int
    comments: int
    supports: int
    audit_events: int
    # The largest round's share of the proposals, the most commented and most supported.
    top_round_share: float
    top_comments: int
    top_supports: int


SCALES = {
    "full": Scale(users=50_000, organizations=500, moderators=30, plans=10, rounds=50,
                  proposals=20_000, comments=200_000, supports=1_000_000,
                  audit_events=100_000, top_round_share=0.15, top_comments=5_000,
                  top_supports=25_000),
    "small": Scale(users=600, organizations=12, moderators=3, plans=2, rounds=6,
                   proposals=240, comments=2_400, supports=12_000, audit_events=1_200,
                   top_round_share=0.3, top_comments=300, top_supports=400),
}

# Rounds 1 and 2 take proposals and supports now; round 3 is in the MTGA's review (its
# drafts have versions); the others are over and published.
OPEN_ROUNDS = (1, 2)
REVIEW_ROUND = 3

SECTORS = (("ciudadania", 60), ("sociedad_civil", 20), ("institucion_publica", 8),
           ("academia", 6), ("sector_privado", 4), ("cooperacion_internacional", 2))
ORGANIZATION_KINDS = (("osc", 60), ("institucion_publica", 20), ("academia", 10),
                      ("sector_privado", 7), ("observador_internacional", 3))
KIND_SECTOR = {"osc": "sociedad_civil", "institucion_publica": "institucion_publica",
               "academia": "academia", "sector_privado": "sector_privado",
               "observador_internacional": "cooperacion_internacional"}
LANGUAGES = ("es", "quc", "kek", "cak", "mam")
DECISIONS = (("incorporada", 15), ("fusionada", 35), ("parcialmente", 20),
             ("no_incorporada", 20), ("fuera_de_alcance", 10))
# A reply answers one of the latest comments of its proposal (threads stay conversations
# of a few messages, not a few threads that collect everything).
REPLY_WINDOW = 30
REPORT_REASONS = ("spam", "ofensivo", "fuera_de_tema", "datos_personales", "otro")


def zipf_counts(total: int, n: int, top: int, *, cap: int | None = None) -> list[int]:
    """``n`` counts summing to ``total``, falling like 1/k**s with ``s`` chosen so the first
    is about ``top`` (uniform when ``top`` is below the average); none above ``cap``."""
    if n <= 0:
        return []
    top = min(top, cap or top, total)

    def shares(s: float) -> list[float]:
        weights = [k ** -s for k in range(1, n + 1)]
        norm = sum(weights)
        return [w / norm for w in weights]

    if top * n <= total:
        exponent = 0.0
    else:
        low, high = 0.0, 6.0
        for _ in range(60):
            mid = (low + high) / 2
            if shares(mid)[0] * total > top:
                high = mid
            else:
                low = mid
        exponent = low
    exact = [share * total for share in shares(exponent)]
    counts = [math.floor(x) for x in exact]
    remainders = sorted(range(n), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in remainders[: total - sum(counts)]:
        counts[i] += 1
    if cap is not None:
        overflow = sum(max(0, c - cap) for c in counts)
        counts = [min(c, cap) for c in counts]
        i = 0
        while overflow and i < n * 4:
            j = i % n
            if counts[j] < cap:
                counts[j] += 1
                overflow -= 1
            i += 1
    return counts


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = max(int((end - start).total_seconds()), 1)
    return start + timedelta(seconds=rng.randrange(span))


def _sorted_times(rng: random.Random, start: datetime, end: datetime, k: int) -> list[datetime]:
    span = max(int((end - start).total_seconds()), 1)
    return [start + timedelta(seconds=s) for s in sorted(rng.randrange(span) for _ in range(k))]


# Generated rows -------------------------------------------------------------------------


@dataclass
class RoundInfo:
    id: int
    plan_id: int
    axis_ids: list[int]
    proposals_start: datetime
    proposals_end: datetime
    review_end: datetime
    is_open: bool
    is_closed: bool
    commitment_ids: list[int] = field(default_factory=list)


@dataclass
class ProposalInfo:
    id: int
    round: RoundInfo
    author_id: int
    created_at: datetime
    withdrawn_at: datetime | None
    state: str
    support_count: int = 0
    comment_count: int = 0

    @property
    def activity_end(self) -> datetime:
        """Supports and comments come before this (withdrawal, the phase's end, now)."""
        end = min(self.round.proposals_end, SEED_NOW)
        return min(end, self.withdrawn_at) if self.withdrawn_at else end

    @property
    def comments_end(self) -> datetime:
        end = min(self.round.review_end, SEED_NOW)
        return min(end, self.withdrawn_at) if self.withdrawn_at else end


@dataclass
class Table:
    """Rows for one table: column names and an iterable of tuples in that order."""

    name: str
    columns: tuple[str, ...]
    rows: Iterable[tuple]


class Generator:
    """Produces the tables in foreign-key order. Each part draws from its own random stream
    (``random.Random(f"{seed}-{part}")``), so changing one part leaves the others alone."""

    def __init__(self, seed: int, scale: Scale, password_hash: str) -> None:
        self.seed = seed
        self.scale = scale
        self.password_hash = password_hash
        self.rounds: list[RoundInfo] = []
        self.proposals: list[ProposalInfo] = []
        self.membership_of: dict[int, int] = {}  # user id -> organisation (accepted)
        self.moderator_ids: list[int] = []
        self.participant_ids: list[int] = []
        self.hidden_items: list[tuple[str, int, datetime, int]] = []
        self.audit: list[tuple] = []
        self.next_comment_id = 1

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}-{part}")

    def tables(self) -> Iterator[Table]:
        yield self.users()
        yield self.organizations()
        yield self.memberships()
        yield from self.plans_and_rounds()
        yield from self.commitments()
        yield self.proposal_rows()
        yield from self.responses()
        yield self.supports()
        yield from self.comments()
        yield from self.moderation()
        yield self.audit_events()

    # People -----------------------------------------------------------------------------

    def users(self) -> Table:
        rng = self.rng("users")
        scale = self.scale
        joined = datetime(2007, 1, 1, tzinfo=UTC)
        self.moderator_ids = list(range(2, scale.moderators + 2))
        first_participant = scale.moderators + 2
        self.participant_ids = [
            i for i in range(first_participant, scale.users + 1) if i % 97 != 0
        ]

        def rows() -> Iterator[tuple]:
            for user_id in range(1, scale.users + 1):
                created = _between(rng, joined, joined + timedelta(days=365))
                if user_id == 1:
                    email, name, roles = ADMIN_EMAIL, "Administración de la consulta", (1, 1)
                elif user_id < first_participant:
                    email = moderator_email(user_id - 1)
                    name, roles = words.person_name(rng), (0, 1)
                else:
                    email, name, roles = person_email(user_id), words.person_name(rng), (0, 0)
                # One participant in 97 never confirmed the address.
                confirmed = None if user_id % 97 == 0 and user_id >= first_participant else (
                    created + timedelta(minutes=rng.randrange(5, 600)))
                language = rng.choice(LANGUAGES) if rng.random() < 0.15 else None
                yield (user_id, email, name[:120], self.password_hash,
                       _weighted(rng, SECTORS), language, bool(roles[0]), bool(roles[1]),
                       rng.random() < 0.7, confirmed, created, None, created, 0, 0,
                       None, None, None, None, None)

        return Table("users", (
            "id", "email", "name", "password_hash", "sector", "preferred_language",
            "is_admin", "is_moderator", "notify_by_email",
            "email_confirmed_at", "created_at", "last_login_at", "password_changed_at",
            "session_epoch", "failed_login_count", "locked_until", "deleted_at", "blocked_at",
            "blocked_until", "block_reason"), rows())

    def organizations(self) -> Table:
        rng = self.rng("organizations")
        created = datetime(2007, 6, 1, tzinfo=UTC)
        prefixes = ("Asociación", "Colectivo", "Fundación", "Red", "Instituto", "Centro",
                    "Movimiento", "Consejo")
        rows = []
        self.organization_kinds = {}
        for org_id in range(1, self.scale.organizations + 1):
            kind = _weighted(rng, ORGANIZATION_KINDS)
            self.organization_kinds[org_id] = kind
            made_up = words.spell(rng.choice(words.MADE_UP), rng).capitalize()
            name = f"{rng.choice(prefixes)} {made_up} de {rng.choice(words.SPANISH)} {org_id}"
            verified = rng.random() < 0.9
            rows.append((org_id, name[:200], f"O{org_id}", kind,
                         f"https://org{org_id}.example.org" if rng.random() < 0.5 else None,
                         verified, created if verified else None, created,
                         fold(f"{name[:200]} O{org_id}")))
        return Table("organizations", ("id", "name", "acronym", "kind", "website",
                                       "is_verified", "verified_at", "created_at",
                                       "search_text"), rows)

    def memberships(self) -> Table:
        rng = self.rng("memberships")
        members = rng.sample(self.participant_ids, min(len(self.participant_ids) // 2,
                                                       self.scale.organizations * 5))
        rows = []
        membership_id = 1
        position = 0
        when = datetime(2007, 9, 1, tzinfo=UTC)
        for org_id in range(1, self.scale.organizations + 1):
            for n in range(rng.randint(1, 5)):
                if position >= len(members):
                    break
                user_id = members[position]
                position += 1
                accepted = n == 0 or rng.random() < 0.9
                if accepted:
                    self.membership_of[user_id] = org_id
                rows.append((membership_id, user_id, org_id,
                             "aceptada" if accepted else "pendiente", n == 0, when,
                             when if accepted else None, 1 if accepted else None))
                membership_id += 1
        return Table("memberships", ("id", "user_id", "organization_id", "status",
                                     "is_manager", "created_at", "decided_at",
                                     "decided_by_id"), rows)

    # Plans, rounds, commitments ---------------------------------------------------------

    def plans_and_rounds(self) -> Iterator[Table]:
        rng = self.rng("rounds")
        scale = self.scale
        plans, axes = [], []
        axis_ids: dict[int, list[int]] = {}
        for number in range(1, scale.plans + 1):
            start = 2008 + 2 * (number - 1)
            status = ("en_consulta" if number == scale.plans else
                      "en_implementacion" if number == scale.plans - 1 else "finalizado")
            title = f"Plan de Acción Nacional de Gobierno Abierto {number}"
            description = words.paragraph(rng, 2)
            plans.append((number, number, title, start, start + 2, status, description,
                          datetime(start - 1, 6, 1, tzinfo=UTC),
                          fold(f"{title} {start}-{start + 2} {description}")))
            axis_ids[number] = []
            for position, name in enumerate(AXES, start=1):
                axis_id = len(axes) + 1
                axes.append((axis_id, number, position, name, None))
                axis_ids[number].append(axis_id)
        yield Table("action_plans", ("id", "number", "title", "start_year", "end_year",
                                     "status", "description", "created_at", "search_text"),
                    plans)
        yield Table("axes", ("id", "plan_id", "position", "name", "description"), axes)

        rounds, phases = [], []
        kinds = ("propuestas", "revision", "comentarios", "priorizacion", "publicacion")
        for round_id in range(1, scale.rounds + 1):
            if round_id <= REVIEW_ROUND or scale.plans == 1:
                plan_id = scale.plans
            else:
                past = (round_id - REVIEW_ROUND - 1) * (scale.plans - 1) // max(
                    1, scale.rounds - REVIEW_ROUND)
                plan_id = scale.plans - 1 - past
            if round_id in OPEN_ROUNDS:
                starts = [datetime(2026, 9, 1, 6, tzinfo=UTC), FAR_FUTURE,
                          datetime(2099, 3, 1, 6, tzinfo=UTC), datetime(2099, 4, 1, 6, tzinfo=UTC),
                          datetime(2099, 4, 15, 6, tzinfo=UTC), datetime(2099, 5, 1, 6, tzinfo=UTC)]
            elif round_id == REVIEW_ROUND:
                starts = [datetime(2026, 6, 1, 6, tzinfo=UTC), datetime(2026, 8, 1, 6, tzinfo=UTC),
                          FAR_FUTURE, datetime(2099, 2, 1, 6, tzinfo=UTC),
                          datetime(2099, 3, 1, 6, tzinfo=UTC), datetime(2099, 4, 1, 6, tzinfo=UTC)]
            else:
                first = datetime(2026, 3, 1, 6, tzinfo=UTC) - timedelta(
                    days=75 * (round_id - REVIEW_ROUND - 1))
                offsets = (0, 30, 44, 58, 65, 72)
                starts = [first + timedelta(days=d) for d in offsets]
            info = RoundInfo(id=round_id, plan_id=plan_id, axis_ids=axis_ids[plan_id],
                             proposals_start=starts[0], proposals_end=starts[1],
                             review_end=starts[2], is_open=round_id in OPEN_ROUNDS,
                             is_closed=round_id > REVIEW_ROUND)
            self.rounds.append(info)
            published = starts[4] if info.is_closed else None
            rounds.append((round_id, plan_id,
                           f"Consulta {round_id}: {words.title(rng, 200)}",
                           words.paragraph(rng, 3), None, 3, "al_cierre", None, published,
                           starts[0] - timedelta(days=20), 1))
            for n, kind in enumerate(kinds):
                phases.append((len(phases) + 1, round_id, kind, starts[n], starts[n + 1]))
            self.audit.append(("round.create", starts[0] - timedelta(days=20), 1,
                               "consultation_round", round_id, f"Consulta {round_id}", None,
                               {"title": f"Consulta {round_id}", "plan_id": plan_id}))
        yield Table("consultation_rounds", (
            "id", "plan_id", "title", "description", "max_supports_per_user",
            "max_votes_per_user", "results_visibility", "premoderation_account_days",
            "published_at", "created_at", "created_by_id"), rounds)
        yield Table("phases", ("id", "round_id", "kind", "starts_at", "ends_at"), phases)

    def commitments(self) -> Iterator[Table]:
        rng = self.rng("commitments")
        commitments, versions, milestones, contacts = [], [], [], []
        numbers: dict[int, int] = {}
        for info in self.rounds:
            if info.is_open:
                continue
            draft = not info.is_closed
            for _ in range(rng.randint(6, 8) if draft else rng.randint(4, 12)):
                commitment_id = len(commitments) + 1
                numbers[info.plan_id] = numbers.get(info.plan_id, 0) + 1
                made = info.review_end - timedelta(days=7) if info.is_closed else (
                    datetime(2026, 8, 15, tzinfo=UTC))
                count = rng.randint(2, 4) if draft else rng.randint(1, 2)
                fields = self._version_fields(rng)
                for number in range(1, count + 1):
                    if number > 1:
                        fields = self._revise(rng, fields)
                    version_id = len(versions) + 1
                    created = made + timedelta(days=number)
                    versions.append((
                        version_id, commitment_id, number,
                        "Creado a partir de las propuestas" if number == 1 else words.sentence(rng),
                        rng.choice(self.moderator_ids), created,
                        (not draft) and number == count,
                        fields["title"], date(2027, 1, 1), date(2028, 8, 31),
                        fields["lead_institution"], fields["supporting_institutions"],
                        fields["problem"], fields["commitment_text"], fields["contribution"],
                        fields["ogp_relevance"], fields["additional_information"],
                        fields["other_actors_public"], fields["other_actors_civil"],
                        fields["observations"]))
                    for m, text in enumerate(fields["milestones"], start=1):
                        milestones.append((len(milestones) + 1, version_id, m, text,
                                           fields["lead_institution"], True,
                                           date(2027, m % 12 + 1, 1), date(2028, m % 12 + 1, 1)))
                    contacts.append((len(contacts) + 1, version_id, 0, words.person_name(rng),
                                     fields["lead_institution"],
                                     f"enlace{commitment_id}@{EMAIL_DOMAIN}", "2222-0000"))
                code = None if draft else f"GT{8000 + commitment_id:04d}"
                commitments.append((
                    commitment_id, info.plan_id, numbers[info.plan_id], code, fields["title"],
                    None, rng.choice(info.axis_ids), fields["lead_institution"],
                    "borrador" if draft else "activo", info.id, 0, made,
                    fold(" ".join((code or "", fields["title"], fields["lead_institution"])))))
                info.commitment_ids.append(commitment_id)
        yield Table("commitments", ("id", "plan_id", "number", "ogp_code", "title",
                                    "policy_area", "axis_id", "lead_institution", "status",
                                    "round_id", "vote_count", "created_at", "search_text"),
                    commitments)
        yield Table("commitment_versions", (
            "id", "commitment_id", "number", "change_note", "author_id", "created_at",
            "is_final", "title", "start_date", "end_date", "lead_institution",
            "supporting_institutions", "problem", "commitment_text", "contribution",
            "ogp_relevance", "additional_information", "other_actors_public",
            "other_actors_civil", "observations"), versions)
        yield Table("milestones", ("id", "version_id", "number", "description", "responsible",
                                   "is_new", "start_date", "end_date"), milestones)
        yield Table("commitment_contacts", ("id", "version_id", "position", "name",
                                            "institution_post", "email", "phone"), contacts)

    @staticmethod
    def _version_fields(rng: random.Random) -> dict:
        return {
            "title": words.title(rng, 300),
            "lead_institution": f"Ministerio de {words.word(rng, mayan_share=0)}",
            "supporting_institutions": "\n".join(words.title(rng, 80) for _ in range(3)),
            "problem": words.paragraph(rng, 8),
            "commitment_text": words.paragraph(rng, 6),
            "contribution": words.paragraph(rng, 6),
            "ogp_relevance": words.paragraph(rng, 4),
            "additional_information": words.paragraph(rng, 3),
            "other_actors_public": words.sentence(rng),
            "other_actors_civil": words.sentence(rng),
            "observations": words.sentence(rng),
            "milestones": [words.sentence(rng, 8, 20) for _ in range(rng.randint(3, 6))],
        }

    @staticmethod
    def _revise(rng: random.Random, fields: dict) -> dict:
        """The next version: about a third of the sentences of the long texts rewritten, a
        milestone changed or added."""
        revised = dict(fields)
        for key in ("problem", "commitment_text", "contribution", "ogp_relevance"):
            sentences = fields[key].split(". ")
            revised[key] = ". ".join(
                words.sentence(rng).rstrip(".") if rng.random() < 0.33 else s
                for s in sentences)
        milestones = list(fields["milestones"])
        milestones[rng.randrange(len(milestones))] = words.sentence(rng, 8, 20)
        if rng.random() < 0.5:
            milestones.append(words.sentence(rng, 8, 20))
        revised["milestones"] = milestones
        return revised

    # Proposals --------------------------------------------------------------------------

    def proposal_rows(self) -> Table:
        rng = self.rng("proposals")
        scale = self.scale
        sizes = zipf_counts(scale.proposals, len(self.rounds),
                            round(scale.proposals * scale.top_round_share))
        drafts = []
        for info, size in zip(self.rounds, sizes, strict=True):
            end = min(info.proposals_end, SEED_NOW)
            for created in _sorted_times(rng, info.proposals_start, end, size):
                drafts.append((created, info))
        # Ids and reference numbers in the order of submission, numbered per year in
        # Guatemala as the application numbers them.
        drafts.sort(key=lambda item: (item[0], item[1].id))
        rows = []
        per_year: dict[int, int] = {}
        for proposal_id, (created, info) in enumerate(drafts, start=1):
            year = created.astimezone(GUATEMALA).year
            per_year[year] = per_year.get(year, 0) + 1
            author_id = rng.choice(self.participant_ids)
            organization_id = (self.membership_of.get(author_id)
                               if rng.random() < 0.3 else None)
            withdrawn_at = None
            if rng.random() < 0.03:
                withdrawn_at = _between(rng, created, min(info.proposals_end, SEED_NOW))
            draw = rng.random()
            state = "oculto" if draw < 0.005 else (
                "pendiente" if draw < 0.007 and info.is_open else "visible")
            title = words.title(rng, 150)
            problem = words.paragraph(rng, rng.randint(2, 5))
            commitment = words.paragraph(rng, rng.randint(2, 4))
            benefit = words.paragraph(rng, rng.randint(1, 3))
            institution = f"Ministerio de {words.word(rng, mayan_share=0.1)}"
            flags = [rng.random() < 0.5 for _ in range(4)]
            if not any(flags):
                flags[rng.randrange(4)] = True
            hidden_at = None
            hidden_reason = None
            if state == "oculto":
                hidden_at = _between(rng, created, SEED_NOW)
                hidden_reason = words.sentence(rng)
                self.hidden_items.append(("proposal", proposal_id, hidden_at,
                                          rng.choice(self.moderator_ids)))
            self.proposals.append(ProposalInfo(proposal_id, info, author_id, created,
                                               withdrawn_at, state))
            search_text = fold(" ".join((title, problem, commitment, benefit, institution)))
            rows.append([
                proposal_id, info.id, created.astimezone(GUATEMALA).year, per_year[year],
                author_id, organization_id, rng.choice(info.axis_ids), title, problem,
                commitment, benefit, institution, *flags,
                "retirada" if withdrawn_at else "publicada", withdrawn_at,
                words.sentence(rng) if withdrawn_at else None, 0, state, hidden_reason,
                hidden_at, search_text, created, withdrawn_at or created])
        self._plan_activity()
        for row, info in zip(rows, self.proposals, strict=True):
            row[19] = info.support_count
        return Table("proposals", (
            "id", "round_id", "reference_year", "reference_number", "author_id",
            "organization_id", "axis_id", "title", "problem", "proposed_commitment", "benefit",
            "institution", "serves_transparency", "serves_participation",
            "serves_accountability", "serves_technology", "status", "withdrawn_at",
            "withdrawal_reason", "support_count", "moderation_state", "hidden_reason",
            "hidden_at", "search_text", "created_at", "updated_at"), (tuple(r) for r in rows))

    def _plan_activity(self) -> None:
        """How many supports and comments each proposal gets: Zipf over a random order of
        the proposals others can see (pending ones get none), with the most supported and
        the most commented in the largest open round."""
        scale = self.scale
        eligible = [p for p in self.proposals if p.state != "pendiente"]
        cap = len(self.participant_ids) - 1
        for part, total, top, attribute in (
            ("supports", scale.supports, scale.top_supports, "support_count"),
            ("comments", scale.comments, scale.top_comments, "comment_count"),
        ):
            rng = self.rng(f"{part}-order")
            order = list(eligible)
            rng.shuffle(order)
            first_open = next(i for i, p in enumerate(order) if p.round.id == OPEN_ROUNDS[0]
                              and p.state == "visible" and p.withdrawn_at is None)
            order[0], order[first_open] = order[first_open], order[0]
            if part == "comments":  # not the most supported one
                order[1], order[-1] = order[-1], order[1]
            for proposal, count in zip(order, zipf_counts(total, len(order), top, cap=cap),
                                       strict=True):
                setattr(proposal, attribute, count)

    def responses(self) -> Iterator[Table]:
        rng = self.rng("responses")
        responses, links = [], []
        for proposal in self.proposals:
            info = proposal.round
            if info.is_open or not info.commitment_ids or proposal.state == "pendiente":
                continue
            if not info.is_closed and rng.random() < 0.5:
                continue
            decision = _weighted(rng, DECISIONS)
            commitment_id = None
            if decision in ("incorporada", "fusionada", "parcialmente"):
                commitment_id = rng.choice(info.commitment_ids)
                links.append((len(links) + 1, proposal.id, commitment_id,
                              info.proposals_end, rng.choice(self.moderator_ids)))
            moderator = rng.choice(self.moderator_ids)
            prepared = info.proposals_end + timedelta(days=rng.randint(1, 10))
            published = info.review_end if info.is_closed else None
            responses.append((len(responses) + 1, proposal.id, decision,
                              "" if decision == "incorporada" else words.paragraph(rng, 2),
                              commitment_id, moderator, prepared,
                              moderator if published else None, published))
            self.audit.append(("response.prepare", prepared, moderator, "proposal",
                               proposal.id, f"P-{proposal.id}", None, {"decision": decision}))
        yield Table("proposal_commitments", ("id", "proposal_id", "commitment_id",
                                             "created_at", "created_by_id"), links)
        yield Table("responses", ("id", "proposal_id", "decision", "reason", "commitment_id",
                                  "prepared_by_id", "prepared_at", "published_by_id",
                                  "published_at"), responses)

    def supports(self) -> Table:
        rng = self.rng("supports")

        def rows() -> Iterator[tuple]:
            support_id = 1
            for proposal in self.proposals:
                k = proposal.support_count
                if not k:
                    continue
                chosen = rng.sample(self.participant_ids, k + 1)
                supporters = [u for u in chosen if u != proposal.author_id][:k]
                times = _sorted_times(rng, proposal.created_at, proposal.activity_end, k)
                for user_id, when in zip(supporters, times, strict=True):
                    yield (support_id, proposal.id, user_id, when)
                    support_id += 1

        return Table("supports", ("id", "proposal_id", "user_id", "created_at"), rows())

    def comments(self) -> Iterator[Table]:
        rng = self.rng("comments")
        revisions: list[tuple] = []
        self.comment_facts: list[tuple[int, int, int, str]] = []  # id, proposal, author, state

        def rows() -> Iterator[tuple]:
            for proposal in self.proposals:
                k = proposal.comment_count
                if not k:
                    continue
                times = _sorted_times(rng, proposal.created_at, proposal.comments_end, k)
                # Comments that may be answered: (id, depth, parent id).
                parents: list[tuple[int, int, int | None]] = []
                for n, when in enumerate(times):
                    comment_id = self.next_comment_id
                    self.next_comment_id += 1
                    author_id = rng.choice(self.participant_ids)
                    parent_id, depth = None, 0
                    if parents and rng.random() < 0.4:
                        # People answer what they just read: one of the latest comments.
                        answered, answered_depth, answered_parent = rng.choice(
                            parents[-REPLY_WINDOW:])
                        # A reply to a third-level comment attaches beside it, to its
                        # parent (the application's rule).
                        if answered_depth == 2:
                            parent_id, depth = answered_parent, 2
                        else:
                            parent_id, depth = answered, answered_depth + 1
                    draw = rng.random()
                    last = n == k - 1
                    state = "oculto" if draw < 0.005 else (
                        "pendiente" if last and draw < 0.05 and proposal.round.is_open
                        else "visible")
                    body = words.paragraph(rng, rng.randint(1, 4))
                    edited_at = None
                    if rng.random() < 0.02:
                        edited_at = when + timedelta(minutes=rng.randint(1, 14))
                        revisions.append((len(revisions) + 1, comment_id,
                                          words.paragraph(rng, 2), when, edited_at))
                    hidden_at = hidden_reason = None
                    if state == "oculto":
                        hidden_at = when + timedelta(hours=rng.randint(1, 48))
                        hidden_reason = words.sentence(rng)
                        self.hidden_items.append(("comment", comment_id, hidden_at,
                                                  rng.choice(self.moderator_ids)))
                    organization_id = (self.membership_of.get(author_id)
                                       if rng.random() < 0.2 else None)
                    stance = None
                    if depth == 0 and rng.random() < 0.6:
                        stance = rng.choice(("a_favor", "en_contra", "neutral"))
                    self.comment_facts.append((comment_id, proposal.id, author_id, state))
                    if state == "visible":  # nobody answers hidden or pending comments
                        parents.append((comment_id, depth, parent_id))
                    yield (comment_id, proposal.id, None, parent_id, depth, author_id,
                           organization_id, stance, None, None, body, when, edited_at, state,
                           hidden_reason, hidden_at)

        yield Table("comments", (
            "id", "proposal_id", "version_id", "parent_id", "depth", "author_id",
            "organization_id", "stance", "section", "milestone_number", "body", "created_at",
            "edited_at", "moderation_state", "hidden_reason", "hidden_at"), rows())
        yield Table("comment_revisions", ("id", "comment_id", "body", "created_at",
                                          "replaced_at"), revisions)

    # Moderation and the audit log -------------------------------------------------------

    def moderation(self) -> Iterator[Table]:
        rng = self.rng("moderation")
        templates = [(n, f"Motivo {n}: {words.title(rng, 80)}", words.paragraph(rng, 2), True,
                      datetime(2008, 1, 1, tzinfo=UTC)) for n in range(1, 6)]
        yield Table("moderation_reason_templates", ("id", "title", "body", "is_active",
                                                    "created_at"), templates)
        actions, reports = [], []
        reported: set[tuple[int, str, int]] = set()

        def report(kind: str, item_id: int, author_id: int, when: datetime, status: str,
                   resolver: int | None) -> None:
            reporter = rng.choice(self.participant_ids)
            if reporter == author_id or (reporter, kind, item_id) in reported:
                return
            reported.add((reporter, kind, item_id))
            reason = rng.choice(REPORT_REASONS)
            reports.append((len(reports) + 1, reporter,
                            item_id if kind == "proposal" else None,
                            item_id if kind == "comment" else None, None, reason,
                            words.sentence(rng) if reason == "otro" or rng.random() < 0.3
                            else "", status, when,
                            None if status == "abierto" else when + timedelta(hours=3),
                            resolver))

        authors = {p.id: p.author_id for p in self.proposals}
        comment_authors = {c[0]: c[2] for c in self.comment_facts}
        for kind, item_id, hidden_at, moderator in self.hidden_items:
            author = authors[item_id] if kind == "proposal" else comment_authors[item_id]
            template = rng.choice(templates)
            actions.append((len(actions) + 1, moderator, "ocultar",
                            item_id if kind == "proposal" else None,
                            item_id if kind == "comment" else None, None, template[2],
                            template[0], hidden_at))
            for _ in range(rng.randint(1, 2)):
                report(kind, item_id, author, hidden_at - timedelta(hours=5), "atendido",
                       moderator)
            self.audit.append(("moderation.hide", hidden_at, moderator, kind, item_id,
                               f"{kind} {item_id}", {"state": "visible"},
                               {"state": "oculto", "reason": template[2]}))
        # Open reports for the queue: about 1% of the open rounds' visible proposals and
        # 0.3% of their visible comments, one or two reports each.
        for proposal in self.proposals:
            if proposal.round.is_open and proposal.state == "visible" and rng.random() < 0.01:
                for _ in range(rng.randint(1, 2)):
                    report("proposal", proposal.id, proposal.author_id,
                           _between(rng, proposal.created_at, SEED_NOW), "abierto", None)
        open_round_proposals = {p.id for p in self.proposals if p.round.is_open}
        for comment_id, proposal_id, author_id, state in self.comment_facts:
            if proposal_id in open_round_proposals and state == "visible" and (
                    rng.random() < 0.003):
                for _ in range(rng.randint(1, 2)):
                    report("comment", comment_id, author_id, SEED_NOW - timedelta(
                        hours=rng.randint(1, 2000)), "abierto", None)
        yield Table("moderation_actions", ("id", "moderator_id", "action", "proposal_id",
                                           "comment_id", "user_id", "reason", "template_id",
                                           "created_at"), actions)
        yield Table("reports", ("id", "reporter_id", "proposal_id", "comment_id", "user_id",
                                "reason", "details", "status", "created_at", "resolved_at",
                                "resolved_by_id"), reports)

    def audit_events(self) -> Table:
        """The events of what the generator did as moderators and admins, then ordinary
        administration up to the total, in time order (the log is append-only)."""
        rng = self.rng("audit")
        events = list(self.audit)
        actors = [1, *self.moderator_ids]
        kinds = (("organization.verify", "organization", self.scale.organizations),
                 ("membership.accept", "membership", self.scale.organizations),
                 ("round.update", "consultation_round", self.scale.rounds),
                 ("user.role", "user", self.scale.users),
                 ("commitment.version", "commitment", 50),
                 ("consolidation.attach", "commitment", 50))
        start = datetime(2008, 1, 1, tzinfo=UTC)
        while len(events) < self.scale.audit_events:
            action, target_type, top = rng.choice(kinds)
            target = rng.randint(1, max(top, 1))
            events.append((action, _between(rng, start, SEED_NOW), rng.choice(actors),
                           target_type, target, f"{target_type} {target}",
                           {"value": words.word(rng)}, {"value": words.word(rng)}))
        events.sort(key=lambda e: e[1])

        def rows() -> Iterator[tuple]:
            for event_id, (action, when, actor, target_type, target_id, label, before,
                           after) in enumerate(events[: self.scale.audit_events], start=1):
                yield (event_id, when, actor, action, target_type, target_id, label[:255],
                       before, after, f"10.{event_id % 250}.{event_id % 199}.{event_id % 97}")

        return Table("audit_events", ("id", "created_at", "actor_id", "action", "target_type",
                                      "target_id", "target_label", "before", "after",
                                      "ip_address"), rows())


# Writing ----------------------------------------------------------------------------------

CHUNK = 20_000


def _sqlite_converter(column: sa.Column) -> Callable | None:
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl
    if isinstance(kind, sa.DateTime):
        return lambda v: None if v is None else v.astimezone(UTC).strftime(
            "%Y-%m-%d %H:%M:%S.%f")
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else int(v)
    if isinstance(kind, sa.JSON):
        return lambda v: None if v is None else json.dumps(v)
    return None


def _postgresql_converter(column: sa.Column) -> Callable | None:
    kind = column.type
    if isinstance(kind, sa.JSON):
        return lambda v: None if v is None else json.dumps(v)
    return None


def _converted(rows: Iterable[tuple], converters: list[Callable | None]) -> Iterator[tuple]:
    active = [(i, f) for i, f in enumerate(converters) if f is not None]
    if not active:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for i, f in active:
            values[i] = f(values[i])
        yield tuple(values)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _defaults(sa_table: sa.Table, given: Sequence[str]) -> list[tuple[str, object]]:
    """The columns the generator does not write, with their scalar Python default (a column
    added later, such as a counter starting at 0); a required column without one is a
    generator to update, said plainly."""
    extra = []
    for column in sa_table.columns:
        if column.name in given:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            extra.append((column.name, default.arg))
        elif not column.nullable and column.server_default is None:
            raise RuntimeError(f"the benchmark's generator writes no {sa_table.name}."
                               f"{column.name}: add it to participa/bench/seed.py")
    return extra


def write(connection: sa.Connection, table: Table) -> int:
    """Insert ``table``'s rows: executemany on SQLite, COPY on PostgreSQL."""
    sa_table = db.metadata.tables[table.name]
    extra = _defaults(sa_table, table.columns)
    names = [*table.columns, *(name for name, _value in extra)]
    tail = tuple(value for _name, value in extra)
    rows: Iterable[tuple] = ((*row, *tail) for row in table.rows) if tail else table.rows
    columns = [sa_table.c[name] for name in names]
    dialect = connection.dialect.name
    raw = connection.connection.dbapi_connection
    written = 0
    if dialect == "postgresql":
        rows = _converted(rows, [_postgresql_converter(c) for c in columns])
        copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names)))
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written
    # A plain table of the named columns: no Python defaults added to the statement.
    bare = sa.table(table.name, *(sa.column(name) for name in names))
    statement = str(sa.insert(bare).compile(dialect=connection.dialect))
    rows = _converted(rows, [_sqlite_converter(c) for c in columns])
    cursor = raw.cursor()
    try:
        for chunk in _chunks(rows, CHUNK):
            cursor.executemany(statement, chunk)
            written += len(chunk)
    finally:
        cursor.close()
    return written


def _reset_sequences(connection: sa.Connection, names: Iterable[str]) -> None:
    """PostgreSQL: move each id sequence past the ids written explicitly."""
    for name in names:
        table = db.metadata.tables[name]
        sequence = sa.func.pg_get_serial_sequence(name, "id")
        highest = sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0) + 1).scalar_subquery()
        connection.execute(sa.select(sa.func.setval(sequence, highest, False)))


def build(connection: sa.Connection, *, seed: int, scale: Scale, password_hash: str,
          progress: Callable[[str, int, float], None] | None = None) -> dict[str, int]:
    """Write the whole data set through ``connection`` (inside its transaction)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql("PRAGMA cache_size=-400000")
    elif dialect == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
    counts: dict[str, int] = {}
    generator = Generator(seed, scale, password_hash)
    for table in generator.tables():
        started = time.monotonic()
        counts[table.name] = write(connection, table)
        if progress:
            progress(table.name, counts[table.name], time.monotonic() - started)
    if dialect == "postgresql":
        _reset_sequences(connection, counts)
    return counts


def scale_named(name: str, *, proposals: int | None = None) -> Scale:
    scale = SCALES[name]
    return replace(scale, proposals=proposals) if proposals else scale


# Invariants -----------------------------------------------------------------------------


def check(session) -> list[str]:
    """What is wrong with the data in the database (an empty list when nothing): the
    invariants the application keeps, checked on any data set, seeded or not."""
    problems = []

    def zero(label: str, statement: sa.Select) -> None:
        found = session.scalar(statement)
        if found:
            problems.append(f"{label}: {found}")

    counted = (sa.select(sa.func.count(Support.id))
               .where(Support.proposal_id == Proposal.id).scalar_subquery())
    zero("proposals whose support_count differs from COUNT(*) of their supports",
         sa.select(sa.func.count()).select_from(Proposal).where(Proposal.support_count != counted))
    zero("supports by the proposal's own author",
         sa.select(sa.func.count()).select_from(Support).join(Proposal)
         .where(Support.user_id == Proposal.author_id))
    parent = sa.orm.aliased(Comment)
    zero("replies whose depth or page differs from their parent's",
         sa.select(sa.func.count()).select_from(Comment)
         .join(parent, Comment.parent_id == parent.id)
         .where(sa.or_(Comment.depth != parent.depth + 1,
                       Comment.proposal_id.is_distinct_from(parent.proposal_id),
                       Comment.version_id.is_distinct_from(parent.version_id))))
    zero("comments deeper than the third level",
         sa.select(sa.func.count()).select_from(Comment).where(Comment.depth > 2))
    zero("root comments with a depth",
         sa.select(sa.func.count()).select_from(Comment)
         .where(Comment.parent_id.is_(None), Comment.depth != 0))
    has_revision = sa.select(CommentRevision.id).where(CommentRevision.comment_id == Comment.id)
    zero("edited comments without their earlier text",
         sa.select(sa.func.count()).select_from(Comment)
         .where(Comment.edited_at.is_not(None), ~has_revision.exists()))
    votes = sa.select(sa.func.count(Vote.id)).where(Vote.commitment_id == Commitment.id)
    zero("commitments whose vote_count differs from COUNT(*) of their votes",
         sa.select(sa.func.count()).select_from(Commitment)
         .where(Commitment.vote_count != votes.scalar_subquery()))
    problems.extend(_check_search(session))
    return problems


def _check_search(session) -> list[str]:
    """The stored search text is the folded text, and the full-text index finds exactly the
    proposals whose folded text holds a word (one made-up word with an apostrophe)."""
    problems = []
    stale = 0
    probe = fold(words.spell(words.MADE_UP[0], random.Random(0)))
    expected = set()
    rows = session.execute(sa.select(
        Proposal.id, Proposal.title, Proposal.problem, Proposal.proposed_commitment,
        Proposal.benefit, Proposal.institution, Proposal.search_text))
    for row in rows:
        text = fold(" ".join(row[1:6]))
        if text != row[6]:
            stale += 1
        if probe in text.split():
            expected.add(row[0])
    if stale:
        problems.append(f"proposals whose search_text is not their folded text: {stale}")
    found = set(session.scalars(search.matching(sa.select(Proposal.id), probe, prefix="none")))
    if found != expected:
        problems.append(
            f"full-text search for {probe!r}: {len(found)} found, {len(expected)} expected")
    if session.get_bind().dialect.name == "sqlite":
        try:
            session.execute(sa.text(
                "INSERT INTO proposals_fts (proposals_fts, rank) VALUES ('integrity-check', 1)"))
        except sa.exc.DatabaseError as error:
            problems.append(f"the FTS5 index does not match the proposals: {error}")
    return problems


def table_counts(session) -> dict[str, int]:
    names = ("users", "organizations", "memberships", "consultation_rounds", "proposals",
             "supports", "comments", "audit_events", "commitments", "commitment_versions",
             "reports")
    return {name: session.scalar(sa.select(sa.func.count()).select_from(
        db.metadata.tables[name])) for name in names}


def is_empty(session) -> bool:
    return session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
