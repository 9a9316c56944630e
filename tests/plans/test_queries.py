"""No N+1 queries: a page or API answer makes as many SQL queries for 5 commitments as for
100.

Lazy loads of a many-to-one hit the identity map after the first row that points to the same
object, so an N+1 on axes or plans only shows when the larger data set also has more axes and
plans: the large plan has ten axes, and the unfiltered lists see two plans instead of one.
"""

from __future__ import annotations

import pytest

from participa.base.extensions import db
from participa.plans.models import Axis, Commitment, CommitmentStatus

from ..factories import make_plan
from ..querycount import count_queries


def _plan_with(size: int, *, axes: int) -> tuple[int, int]:
    """A plan with ``size`` published commitments spread over ``axes`` axes and none, and
    over three policy areas (one of them empty), plus a draft; its id and the id of its
    commitment number 1 (which has an axis, if the plan has any)."""
    plan = make_plan()
    plan_axes = [Axis(plan_id=plan.id, name=f"Eje {n}", position=n) for n in range(axes)]
    db.session.add_all(plan_axes)
    db.session.flush()
    slots = [*plan_axes, None]
    commitments = [
        Commitment(
            plan_id=plan.id, number=n, ogp_code=f"GT{plan.number}{n:03d}",
            title=f"Compromiso {n}", policy_area=("Salud", "Educación", None)[n % 3],
            axis_id=(axis.id if (axis := slots[(n - 1) % len(slots)]) else None),
            lead_institution="Institución" if n % 2 else None,
            status=CommitmentStatus.INACTIVE,
        )
        for n in range(1, size + 1)
    ]
    commitments.append(Commitment(plan_id=plan.id, number=size + 1, title="Borrador",
                                  status=CommitmentStatus.DRAFT))
    db.session.add_all(commitments)
    db.session.commit()
    return plan.id, commitments[0].id


def _count(app, client, url: str) -> int:
    with count_queries(app) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    "/planes/",
    "/planes/{plan}",
    "/planes/compromisos/{commitment}",
    "/api/v1/plans",
    "/api/v1/commitments?per_page=500",
    "/api/v1/commitments?plan={plan}&per_page=500",
    "/api/v1/commitments?policy_area=salud&per_page=500",
    "/api/v1/commitments.csv",
    "/api/v1/commitments.csv?plan={plan}",
]


def measure(app, client, plan_id: int, commitment_id: int) -> dict[str, int]:
    return {url: _count(app, client, url.format(plan=plan_id, commitment=commitment_id))
            for url in URLS}


@pytest.mark.parametrize("axes", [(2, 10), (0, 0)], ids=["by-axis", "by-policy-area"])
def test_query_counts_do_not_grow_with_the_commitments(app, client, axes):
    with app.app_context():
        small = _plan_with(5, axes=axes[0])
    with_5 = measure(app, client, *small)
    with app.app_context():
        large = _plan_with(100, axes=axes[1])
    with_100 = measure(app, client, *large)
    assert with_100 == with_5
    # At most 6: the plan page reads its self-assessments' links (assessments) too, and its
    # milestones' progress (tracking): 7 there.
    assert all(1 <= n <= (7 if url == "/planes/{plan}" else 6)
               for url, n in with_5.items()), with_5


def test_count_queries_sees_every_statement(app, client):
    with app.app_context():
        plan_id = make_plan().id
    with count_queries(app) as queries:
        client.get(f"/planes/{plan_id}")
    assert any("FROM action_plans" in s for s in queries.statements)
    assert queries.count == len(queries) >= 2
    assert "FROM action_plans" in str(queries)
    # The listener is removed at the end of the block.
    with count_queries(app) as other:
        pass
    client.get(f"/planes/{plan_id}")
    assert len(other) == 0
