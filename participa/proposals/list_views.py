"""The list of a round's proposals: search, filters, three orders, pagination; a plain GET
form that works without JavaScript. The page links carry a cursor (``after``/``before``) so
a deep page costs what the first does; ``?page=N`` alone works too (``listing.page_of``)."""

from __future__ import annotations

from flask import render_template, request

from ..content.numbers import MAX_ID
from ..plans.queries import axes_of
from ..web.pagination import page_arg, page_size_args, per_page_arg
from . import bp
from .queries import listing

PER_PAGE_CHOICES = (20, 50, 100)


@bp.route("/consultas/<int:round_id>/propuestas")
def index(round_id: int):
    consultation_round = listing.round_or_404(round_id)
    axes = axes_of(consultation_round.plan_id)
    wanted = listing.parse(
        request.args, axis_ids={axis.id for axis in axes},
        extra_args=("page", "per_page", "after", "before"),
    )
    page = page_arg(request.args, maximum=MAX_ID)
    per_page = per_page_arg(request.args, PER_PAGE_CHOICES)
    after = listing.cursor_arg(request.args, "after")
    before = None if after else listing.cursor_arg(request.args, "before")
    pagination = listing.page_of(consultation_round, wanted, page=page, per_page=per_page,
                                 after=after, before=before)
    sizes = page_size_args(per_page, PER_PAGE_CHOICES, wanted.url_args())
    return render_template(
        "proposals/index.html",
        consultation_round=consultation_round,
        axes=axes,
        listing=wanted,
        pagination=pagination,
        **sizes,
        prev_args={**sizes["link_args"], **pagination.prev_args},
        next_args={**sizes["link_args"], **pagination.next_args},
        sorts=listing.SORTS,
        statuses=listing.STATUSES,
        sectors=listing.SECTORS,
        organization_kinds=listing.ORGANIZATION_KINDS,
    )
