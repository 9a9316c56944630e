"""Charts drawn on the server as accessible SVG: horizontal bars, each with its label above
it (wrapped, so a long axis name reads at 360 px), a title and a description that a screen
reader says, and the same figures in a table beside it (the template) and as CSV (the
view). No JavaScript, no external fonts: a few hundred bytes per bar."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from markupsafe import Markup

# The drawing's own units; the SVG scales to the width of the page.
WIDTH = 320
LABEL_LINE = 15  # height of one line of a bar's label
BAR = 14  # height of a bar
GAP = 8  # space after a bar
CHARS_PER_LINE = 44
VALUE_ROOM = 44  # room on the right of the longest bar for its figure


@dataclass
class Row:
    label: str
    value: int
    # Shown instead of the figure (a count kept back): "menos de 5".
    note: str | None = None
    # Said after the label and in the CSV's note: "3 de 8 hitos completos".
    detail: str | None = None

    @property
    def shown_label(self) -> str:
        return f"{self.label} · {self.detail}" if self.detail else self.label


@dataclass
class Chart:
    key: str  # its part of the addresses: the CSV, the anchors
    title: str
    description: str
    label_heading: str  # the table's first column
    value_heading: str
    rows: list[Row] = field(default_factory=list)
    note: str | None = None  # said under the chart (what was kept back and why)
    unit: str = ""  # after each figure: "%"
    scale: int | None = None  # the figure of a full bar (100 for a share); else the largest

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def svg(self) -> Markup:
        """The chart; its accessible name is the title, its description the summary."""
        largest = self.scale or max((row.value for row in self.rows), default=0) or 1
        room = WIDTH - VALUE_ROOM
        parts, y = [], 4
        for row in self.rows:
            lines = textwrap.wrap(row.shown_label, CHARS_PER_LINE) or [""]
            for line in lines:
                y += LABEL_LINE
                parts.append(Markup('<text x="0" y="{}" class="chart-label">{}</text>').format(
                    y - 3, line))
            width = max(round(room * row.value / largest), 1 if row.value else 0)
            parts.append(Markup(
                '<rect x="0" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>'
            ).format(y, width, BAR, width + 4, y + BAR - 3,
                     row.note if row.note is not None else f"{row.value}{self.unit}"))
            y += BAR + GAP
        height = y + 4
        title_id, desc_id = f"grafico-{self.key}-titulo", f"grafico-{self.key}-desc"
        return Markup(
            '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
            'preserveAspectRatio="xMinYMin meet" aria-labelledby="{t} {d}" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{t}">{title}</title><desc id="{d}">{desc}</desc>{body}</svg>'
        ).format(w=WIDTH, h=height, t=title_id, d=desc_id, title=self.title,
                 desc=self.description, body=Markup("").join(parts))


