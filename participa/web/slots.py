"""Declared slots: places on a lower feature's page that upper features fill.

A page of a lower feature (the proposal page, the commitment page) declares a slot by name;
an upper feature (moderation, voting, consolidation, comments) fills it with a partial and a
function that gathers the partial's data. The lower view asks ``gather`` for its slots, so
the view, not the template, runs the queries, and the lower feature never names the upper
one::

    # moderation/__init__.py (the upper feature)
    slots.fill("proposal.aside", "moderation/_proposal_links.html", links_for_proposal)

    # proposals/views.py (the lower feature)
    return render_template("proposals/show.html", proposal=proposal,
                           slots=slots.gather("proposal.aside", proposal=proposal, user=user))

    {# proposals/show.html #}
    {% for slot in slots %}{% include slot.template %}{% endfor %}   {# reads slot.data #}

Fillers register when their package is imported (``create_app`` imports every feature), in
the order of registration; a filler that returns None shows nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Slot:
    template: str
    data: Any


_FILLERS: dict[str, list[tuple[str, Callable[..., Any]]]] = defaultdict(list)


def fill(name: str, template: str, gather_data: Callable[..., Any]) -> None:
    """Fill slot ``name`` with ``template``, whose data ``gather_data(**context)`` returns."""
    entry = (template, gather_data)
    if entry not in _FILLERS[name]:
        _FILLERS[name].append(entry)


def gather(name: str, **context: Any) -> list[Slot]:
    """The filled slots of ``name`` with their data, for the page's template."""
    slots = []
    for template, gather_data in _FILLERS.get(name, ()):
        data = gather_data(**context)
        if data is not None:
            slots.append(Slot(template, data))
    return slots
