"""The two formats of a ``Document``: Office Open XML (``.docx``, python-docx) and
OpenDocument text (``.odt``, odfpy). Both carry the title and the language in their
properties, so a reader's tools (a screen reader, a spell checker) know the language."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from odf import dc, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import H, P

from .model import Document, Fields, Heading, Paragraph, Table

# Characters that XML 1.0 refuses (both formats are XML): a control character typed into a
# text would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text or "")


# .docx ------------------------------------------------------------------------------------


def _docx(document: Document) -> bytes:
    word = docx.Document()
    # The core properties hold at most 255 characters each.
    word.core_properties.title = _xml_text(document.title)[:255]
    word.core_properties.language = document.language
    # The language of the text: the default run properties of the "Normal" style.
    run_properties = word.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), document.language)
    run_properties.append(lang)

    def paragraph(container, text: str, *, bold: bool = False):
        lines = _xml_text(text).split("\n")
        para = container.add_paragraph()
        run = para.add_run(lines[0])
        run.bold = bold
        for line in lines[1:]:
            run.add_break()
            run = para.add_run(line)
            run.bold = bold
        return para

    def cell(cell_, text: str, *, bold: bool = False) -> None:
        cell_.paragraphs[0].text = ""
        lines = _xml_text(text).split("\n")
        run = cell_.paragraphs[0].add_run(lines[0])
        run.bold = bold
        for line in lines[1:]:
            run.add_break()
            run = cell_.paragraphs[0].add_run(line)
            run.bold = bold

    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(_xml_text(block.text), level=block.level)
        elif isinstance(block, Paragraph):
            paragraph(word, block.text, bold=block.strong)
        elif isinstance(block, Fields):
            table = word.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in block.rows:
                row = table.add_row().cells
                cell(row[0], label, bold=True)
                cell(row[1], value)
        elif isinstance(block, Table):
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for target, text in zip(table.rows[0].cells, block.header, strict=True):
                cell(target, text, bold=True)
            for values in block.rows:
                row = table.add_row().cells
                for target, text in zip(row, values, strict=True):
                    cell(target, text)
        else:  # pragma: no cover - the model has no other block
            raise TypeError(block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# .odt -------------------------------------------------------------------------------------


def _odt(document: Document) -> bytes:
    odt = OpenDocumentText()
    odt.meta.addElement(dc.Title(text=_xml_text(document.title)))
    odt.meta.addElement(dc.Language(text=document.language))
    language, _sep, country = document.language.partition("-")
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(language=language, country=country or "none",
                                      fontsize="11pt"))
    odt.styles.addElement(default)
    headings = {}
    for level, size in ((1, "18pt"), (2, "15pt"), (3, "13pt")):
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}",
                      family="paragraph", defaultoutlinelevel=str(level))
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm",
                                             keepwithnext="always"))
        odt.styles.addElement(style)
        headings[level] = style
    strong = Style(name="Strong", family="paragraph")
    strong.addElement(TextProperties(fontweight="bold"))
    odt.automaticstyles.addElement(strong)
    table_style = Style(name="Tabla", family="table")
    table_style.addElement(TableProperties(width="17cm", align="margins"))
    odt.automaticstyles.addElement(table_style)
    cell_style = Style(name="Celda", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    odt.automaticstyles.addElement(cell_style)
    label_column = Style(name="Etiqueta", family="table-column")
    label_column.addElement(TableColumnProperties(columnwidth="5.5cm"))
    odt.automaticstyles.addElement(label_column)
    value_column = Style(name="Valor", family="table-column")
    value_column.addElement(TableColumnProperties(columnwidth="11.5cm"))
    odt.automaticstyles.addElement(value_column)

    def para(text: str, *, bold: bool = False) -> P:
        element = P(stylename=strong) if bold else P()
        teletype.addTextToElement(element, _xml_text(text))
        return element

    def row(values, *, bold: bool = False) -> TableRow:
        element = TableRow()
        for text in values:
            table_cell = TableCell(stylename=cell_style, valuetype="string")
            table_cell.addElement(para(text, bold=bold))
            element.addElement(table_cell)
        return element

    counter = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            element = H(outlinelevel=block.level, stylename=headings[block.level])
            teletype.addTextToElement(element, _xml_text(block.text))
            odt.text.addElement(element)
        elif isinstance(block, Paragraph):
            odt.text.addElement(para(block.text, bold=block.strong))
        elif isinstance(block, Fields | Table):
            counter += 1
            table = OdfTable(name=f"Tabla{counter}", stylename=table_style)
            if isinstance(block, Fields):
                table.addElement(TableColumn(stylename=label_column))
                table.addElement(TableColumn(stylename=value_column))
                for label, value in block.rows:
                    row_ = TableRow()
                    for text, bold in ((label, True), (value, False)):
                        table_cell = TableCell(stylename=cell_style, valuetype="string")
                        table_cell.addElement(para(text, bold=bold))
                        row_.addElement(table_cell)
                    table.addElement(row_)
            else:
                table.addElement(TableColumn(numbercolumnsrepeated=len(block.header)))
                table.addElement(row(block.header, bold=True))
                for values in block.rows:
                    table.addElement(row(values))
            odt.text.addElement(table)
        else:  # pragma: no cover
            raise TypeError(block)
    out = io.BytesIO()
    odt.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class Format:
    extension: str
    mimetype: str
    write: Callable[[Document], bytes]


FORMATS = {
    "docx": Format("docx", "application/vnd.openxmlformats-officedocument."
                           "wordprocessingml.document", _docx),
    "odt": Format("odt", "application/vnd.oasis.opendocument.text", _odt),
}


def render(document: Document, extension: str) -> bytes:
    return FORMATS[extension].write(document)
