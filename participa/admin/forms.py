from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField

from ..web.forms import Form

QUERY_MAX = 100


class UserSearchForm(Form):
    """The search box of the user list: a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Nombre o correo electrónico"), render_kw={"maxlength": QUERY_MAX}
    )
