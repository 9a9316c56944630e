"""The list of a round's proposals: search, filters, three orders, pagination; a plain GET
form that works without JavaScript. The page links carry a cursor (``after``/``before``) so
a deep page costs what the first does; ``?page=N`` alone works too (``listing.page_of``)."""

from __future__ import annotations

from flask import render_template, request

from ..content.numbers import MAX_ID
from ..i18n.live import catalog_version
from ..i18n.selection import enabled_codes, interface_language, language_choices
from ..plans.queries import axes_of
from ..web import fragments
from ..web.pagination import page_arg, page_size_args, per_page_arg
from . import bp
from .queries import listing

PER_PAGE_CHOICES = (20, 50, 100)
# The templates of the kept part, by the digest of their text: a release that changes them
# never reuses what the one before rendered (in Redis).
TEMPLATES = fragments.digest_of("proposals/_list_body.html", "proposals/_list_page.html",
                                "proposals/_card.html", "_pager.html")


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

    def render_body() -> str:
        sizes = page_size_args(per_page, PER_PAGE_CHOICES, wanted.url_args())
        pagination = listing.page_of(consultation_round, wanted, page=page, per_page=per_page,
                                     after=after, before=before)
        cards = render_template(
            "proposals/_list_page.html", consultation_round=consultation_round,
            listing=wanted, pagination=pagination, per_page=per_page,
            prev_args={**sizes["link_args"], **pagination.prev_args},
            next_args={**sizes["link_args"], **pagination.next_args})
        return render_template(
            "proposals/_list_body.html",
            consultation_round=consultation_round,
            axes=axes,
            listing=wanted,
            cards=fragments.verbatim(cards),
            **sizes,
            sorts=listing.SORTS,
            statuses=listing.STATUSES,
            sectors=listing.SECTORS,
            organization_kinds=listing.ORGANIZATION_KINDS,
            content_languages=language_choices(),
        )

    # Rendered once per version of the round's list (the version is read with the round,
    # in this transaction: list_version.py), language, catalog, the plan's axes (the
    # filter) and the arguments, and reused by every later request, signed in or not, until
    # a change raises the version: the form, the cards, the pager and the links.
    language = interface_language()
    key = "|".join(map(str, (
        "proposals", TEMPLATES, consultation_round.id, consultation_round.list_version,
        consultation_round.list_changed_at, language, catalog_version(language),
        [(axis.id, axis.name) for axis in axes], enabled_codes(),
        sorted(wanted.url_args().items()), page, per_page, after, before)))
    return render_template(
        "proposals/index.html",
        consultation_round=consultation_round,
        body=fragments.kept(key, render_body),
    )
