"""Office documents: the documents OGP receives (the published plan, a commitment in the
official template's layout, a self-assessment) as ``.docx`` (python-docx) and ``.odt``
(odfpy), written from one small description (``Document``: headings, paragraphs, tables).

The features that own the content build the ``Document`` (labels in the reader's language,
through the interface's gettext); this package only lays it out, so both formats hold the
same text in the same order. It imports nothing of the application (docs/decisions.md,
"The documents OGP receives").
"""

from .model import Document, Fields, Heading, Paragraph, Table
from .writers import FORMATS, Format, render

__all__ = ["FORMATS", "Document", "Fields", "Format", "Heading", "Paragraph", "Table",
           "render"]
