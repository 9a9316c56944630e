"""``/buscar``: the site-wide search page. The box in every page's header sends ``q`` here
(a GET form: no JavaScript); each kind of result pages on its own parameter."""

from __future__ import annotations

from flask import render_template, request

from ..web.args import InvalidParameter, query_args, search_text
from ..web.pagination import page_arg
from . import bp, queries

ALLOWED = ("q", *(kind.key for kind in queries.KINDS))


@bp.route("/buscar")
def index():
    query_args(ALLOWED)
    pages = {kind.key: page_arg(request.args, kind.key) for kind in queries.KINDS}
    typed = request.args.get("q", "")
    try:
        q = search_text(request.args, max_length=queries.MAX_QUERY_LENGTH)
    except InvalidParameter as refusal:
        # Too long: said on the page, with what was typed still in the box.
        return render_template("search/index.html", q=typed, groups=[],
                               error=refusal.explanation,
                               max_length=queries.MAX_QUERY_LENGTH), 400
    groups = queries.search(q, pages)
    return render_template("search/index.html", q=q, groups=groups, error=None,
                           total=sum(group.results.total for group in groups),
                           pages=pages, max_length=queries.MAX_QUERY_LENGTH)
