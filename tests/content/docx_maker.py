"""Real .docx files for the import tests, written by python-docx (what Word's own format holds:
styles, numbering, footnotes, hyperlinks, images with alt text), the parts python-docx has no
call for added through the document's XML, as Word writes them."""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


class Maker:
    def __init__(self) -> None:
        self.doc = docx.Document()
        self.notes: list[str] = []
        self.lists: dict[str, int] = {}

    def para(self, *runs: str | tuple[str, str], style: str | None = None):
        """Runs as text, or (text, "b"/"i"/"bi"/"u"/"note"/"link:URL")."""
        p = self.doc.add_paragraph(style=style)
        for run in runs:
            text, kind = (run, "") if isinstance(run, str) else run
            if kind == "note":
                self.footnote(p, text)
            elif kind.startswith("link:"):
                self.link(p, text, kind[5:])
            else:
                r = p.add_run(text)
                r.bold, r.italic, r.underline = "b" in kind or None, "i" in kind or None, "u" in kind or None
        return p

    def item(self, text: str, kind: str, level: int = 0, start: bool = False):
        """A list item of a "bullet" or "decimal" list, as Word numbers them: a list definition of
        three levels; `level` 1 nests it under the item before; `start`: a new list of its kind."""
        if start or kind not in self.lists:
            self.lists[kind] = self._numbering(kind)
        p = self.para(text, style="List Paragraph")
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.lists[kind]}"/></w:numPr>'))
        return p

    def _numbering(self, kind: str) -> int:
        numbering = self.doc.part.numbering_part.element
        number = 100 + len(numbering.findall(qn("w:num")))
        levels = "".join(f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
                         f'<w:lvlText w:val="{"•" if kind == "bullet" else f"%{lvl + 1}."}"/>'
                         f'<w:pPr><w:ind w:left="{720 * (lvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
                         for lvl in range(3))
        numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">{levels}'
                                      '</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{number}"/>'
                                   '</w:num>'))
        return number

    def footnote(self, p, text: str) -> None:
        self.notes.append(text)
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                              f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>'))

    def link(self, p, text: str, url: str) -> None:
        rel = self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = text
        run.append(t)
        link.append(run)
        p._p.append(link)

    def picture(self, alt: str) -> None:
        self.doc.add_picture(io.BytesIO(PNG))
        self.doc.inline_shapes[-1]._inline.docPr.set("descr", alt)

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    def save(self, path: Path) -> Path:
        if self.notes:
            self._footnotes_part()
        self.doc.save(str(path))
        return path

    def _footnotes_part(self) -> None:
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
            f'<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
            f'{text}</w:t></w:r></w:p></w:footnote>' for n, text in enumerate(self.notes, 1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
