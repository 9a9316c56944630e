"""A translatable sentence never takes a label put in lower case (``label.lower()``,
``label|lower``): «Comentario en la %(kind)s» with «autoevaluación de medio término»
lowered into it reads well in Spanish only; in languages whose words agree with the noun, or
order them otherwise, the sentence breaks. Each kind gets its own whole sentence instead
(pgettext where the words are ambiguous)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOWERED_LABEL = re.compile(r"label\s*\)?\s*\.lower\(\)|label\s*\|\s*lower")


def test_no_label_is_lowered_into_a_sentence():
    found = []
    for folder, pattern in (("participa", "*.py"), ("templates", "*.html"),
                            ("templates", "*.txt")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if LOWERED_LABEL.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)
