"""PDF documents with reportlab: A4, an embedded font that covers Vietnamese, and a header and footer on every page.

The font is DejaVu Sans, shipped in dashboard/fonts/ (nothing to install beyond pip). Every page shows the
alliance's name, the report's title, the date it was printed and "Page n/N". Table cells are paragraphs, so long
names wrap instead of running over the margin. Text is normalised to NFC before drawing, so a name typed with
combining marks still comes out as the precomposed letters the font draws best.
"""

import copy
import io
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MARGIN = 16 * mm


def register_fonts():
    """Register the embedded fonts with reportlab once per process."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def nfc(value):
    return unicodedata.normalize("NFC", "" if value is None else str(value))


def para(value, style):
    """A paragraph of plain text (escaped: names may contain & or <)."""
    register_fonts()
    return Paragraph(escape(nfc(value)).replace("\n", "<br/>"), style)


STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=4),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=10, leading=13, alignment=TA_CENTER, spaceAfter=2),
    "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
    "text": ParagraphStyle("text", fontName=FONT, fontSize=9, leading=11.5),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5),
    "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
}


def title_block(title, subtitles=()):
    flow = [para(title, STYLES["title"])]
    flow += [para(line, STYLES["subtitle"]) for line in subtitles if line]
    flow.append(Spacer(1, 4 * mm))
    return flow


def heading(text):
    return para(text, STYLES["heading"])


def note(text):
    return para(text, STYLES["note"])


def table(headers, rows, widths, numeric=(), plain=()):
    """A table whose cells wrap; the header row repeats on every page. `widths` are in points.

    Columns in `numeric` (right-aligned) and `plain` hold short values that never need wrapping (numbers, dates,
    codes): they are drawn as plain strings, several times cheaper than paragraphs in a long directory.
    """
    register_fonts()
    short = set(numeric) | set(plain)
    data = [[para(h, STYLES["head"]) for h in headers]]
    for row in rows:
        data.append([nfc(value) if i in short else para(value, STYLES["cell"]) for i, value in enumerate(row)])
    result = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("ALIGN", (column, 1), (column, -1), "RIGHT") for column in numeric]
    result.setStyle(TableStyle(style))
    return result


def keep(*flowables):
    return KeepTogether(list(flowables))


def _fit(text, room, size=8):
    """`text` cut (with an ellipsis) to fit `room` points in the header; empty when there is hardly any room."""
    if pdfmetrics.stringWidth(text, FONT, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > room:
        text = text[:-1]
    return text.rstrip() + "…" if len(text) > 12 else ""


def _page_frame(alliance_name, report_title, printed_on, pagesize, total):
    """The onPage callback that draws a page's header and footer: the alliance, the title, the print date, "Page n/N"."""

    def draw(page, _doc):
        width, height = pagesize
        page.saveState()
        page.setFont(FONT_BOLD, 8)
        name = nfc(alliance_name)
        page.drawString(MARGIN, height - 10 * mm, name)
        page.setFont(FONT, 8)
        room = width - 2 * MARGIN - pdfmetrics.stringWidth(name, FONT_BOLD, 8) - 6 * mm
        title = _fit(nfc(report_title), room)
        if title:
            page.drawRightString(width - MARGIN, height - 10 * mm, title)
        page.setStrokeColor(colors.HexColor("#999999"))
        page.line(MARGIN, height - 11.5 * mm, width - MARGIN, height - 11.5 * mm)
        page.line(MARGIN, 11.5 * mm, width - MARGIN, 11.5 * mm)
        page.drawString(MARGIN, 8 * mm, nfc(_("Printed on %(date)s") % {"date": printed_on.strftime("%d/%m/%Y")}))
        number = _("Page %(page)d/%(total)d") % {"page": page.getPageNumber(), "total": total}
        page.drawRightString(width - MARGIN, 8 * mm, nfc(number))
        page.restoreState()

    return draw


def _document(buffer, *, alliance_name, title, pagesize, author):
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=nfc(title),
        author=nfc(author or alliance_name),
        creator=nfc(alliance_name),
        lang="vi",
        initialFontName=FONT,
    )


def build(flowables, *, alliance_name, title, printed_on, wide=False, author=""):
    """Render the flowables into an A4 PDF (landscape when `wide`) and return its bytes.

    Laid out twice, as reportlab's multiBuild does: a copy first, to count the pages, then the flowables with "Page n/N"."""
    register_fonts()
    pagesize = landscape(A4) if wide else A4
    options = {"alliance_name": alliance_name, "title": title, "pagesize": pagesize, "author": author}
    pages = []

    def count(page, _doc):
        pages.append(page.getPageNumber())

    _document(io.BytesIO(), **options).build(copy.deepcopy(flowables), onFirstPage=count, onLaterPages=count)
    frame = _page_frame(alliance_name, title, printed_on, pagesize, total=len(pages))
    buffer = io.BytesIO()
    _document(buffer, **options).build(list(flowables), onFirstPage=frame, onLaterPages=frame)
    return buffer.getvalue()


def text_width(wide=False):
    pagesize = landscape(A4) if wide else A4
    return pagesize[0] - 2 * MARGIN
