"""Structure every page must have, checked on each page the security walk reads: a table
scrolls sideways inside a box the keyboard can reach and that a heading names (see
templates/_tables.html)."""

from __future__ import annotations

from html.parser import HTMLParser

# Tables whose text wraps instead of scrolling: the printed plan's two-column template (its
# wide inner tables scroll in boxes of their own).
WRAPPING_TABLES = {"template"}


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.divs: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.names: list[str] = []
        self.problems: list[str] = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "div":
            self.divs.append(attrs)
        elif tag == "table" and not WRAPPING_TABLES & set((attrs.get("class") or "").split()):
            self.tables += 1
            box = next((d for d in reversed(self.divs)
                        if "table-wrap" in (d.get("class") or "").split()), None)
            if box is None:
                self.problems.append(f"table {self.tables} is not in a scrolling box")
            elif box.get("tabindex") != "0" or box.get("role") != "group":
                self.problems.append(f"the box of table {self.tables} is not focusable "
                                     f"(tabindex=0, role=group)")
            elif not box.get("aria-labelledby"):
                self.problems.append(f"the box of table {self.tables} has no name")
            else:
                self.names.append(box["aria-labelledby"])

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()


def table_problems(markup: str) -> list[str]:
    parser = _Tables()
    parser.feed(markup)
    parser.close()
    return parser.problems + [f"a table's box is named by #{name}, which the page lacks"
                              for name in parser.names if name not in parser.ids]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def heading_skips(markup: str) -> list[str]:
    """Where a heading is more than one level below the heading before it (an h1 followed
    by an h3): a screen reader's list of headings then misses a level."""
    parser = _Headings()
    parser.feed(markup)
    parser.close()
    return [f"h{before} is followed by h{after}"
            for before, after in zip(parser.levels, parser.levels[1:], strict=False)
            if after > before + 1]
