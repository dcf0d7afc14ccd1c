"""Where a figure sits: its sentence, its paragraph, or its cell of a pipe table."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


from ..models import Mention


_TABLE_SEPARATOR = re.compile(r"^[\s|:\-]+$")
# A sentence ends at . ! ? … (and closing quotes) followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?…]+[»”\")]*\s+(?=[A-ZÀ-ÖØ-Þ«\"(\d])")
# "M. Dupont", "Dr. X": a period after a short capitalised abbreviation ends no sentence.
_ABBREVIATION = re.compile(r"(?<![\w])(?:M|Mme|Mlle|Dr|Pr|St|Ste|Me|MM|av|art|n°|p|cf|etc)\.$")


# -- tables and paragraphs -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cell:
    row: tuple[int, int]  # char range of the row line
    block: tuple[int, int]  # the table and its caption line
    row_header: str | None
    column_header: str | None
    header_range: tuple[int, int] | None  # char range of the column header cell


class _Layout:
    """Lines, paragraphs and pipe tables of a text, by character offset."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.tables: list[tuple[int, int, list[tuple[int, int]]]] = []  # start, end, row ranges
        rows: list[tuple[int, int]] = []
        for start, end in self._lines():
            if text.count("|", start, end) >= 2 or (rows and _TABLE_SEPARATOR.match(text[start:end]) and "|" in text[start:end]):
                rows.append((start, end))
                continue
            self._close_table(rows)
            rows = []
        self._close_table(rows)

    def _lines(self):
        for i, start in enumerate(self.line_starts):
            end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
            yield start, end

    def _close_table(self, rows: list[tuple[int, int]]) -> None:
        if len(rows) >= 2:
            self.tables.append((rows[0][0], rows[-1][1], rows))

    def line_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def cell_at(self, offset: int) -> _Cell | None:
        for start, end, rows in self.tables:
            if not start <= offset <= end:
                continue
            header = rows[0]
            row = next(r for r in rows if r[0] <= offset <= r[1])
            if row == header:
                return None
            column = self.text.count("|", row[0], offset)
            header_cells = _cells(self.text, header)
            row_cells = _cells(self.text, row)
            caption = self.line_at(start - 1)[0] if start > 0 else start
            header_range = header_cells[column] if column < len(header_cells) else None
            return _Cell(
                row=row,
                block=(caption, end),
                row_header=self.text[row_cells[0][0] : row_cells[0][1]].strip() or None,
                column_header=self.text[header_range[0] : header_range[1]].strip() if header_range else None,
                header_range=header_range,
            )
        return None

    def paragraph(self, offset: int, cell: _Cell | None) -> tuple[int, int]:
        return cell.block if cell is not None else self.line_at(offset)


def _cells(text: str, row: tuple[int, int]) -> list[tuple[int, int]]:
    """Character ranges of the cells of a table row."""
    cells = []
    start = row[0]
    for m in re.finditer(r"\|", text[row[0] : row[1]]):
        cells.append((start, row[0] + m.start()))
        start = row[0] + m.end()
    cells.append((start, row[1]))
    return cells


def _sentence_range(layout: _Layout, mention: Mention, cell: _Cell | None) -> tuple[int, int]:
    """The sentence around a mention: its table row, else punctuation within its line.

    Punctuation is more predictable here than the parser's sentence boundaries, which
    split "Le plan européen | pour créer des Gigafactories..." on the seed articles.
    """
    if cell is not None:
        return cell.row
    line_start, line_end = layout.line_at(mention.start)
    start, end = line_start, line_end
    for m in _SENTENCE_END.finditer(layout.text, line_start, line_end):
        if _ABBREVIATION.search(layout.text, max(line_start, m.start() - 4), m.start() + 1):
            continue
        if m.end() <= mention.start:
            start = m.end()
        elif m.start() >= mention.end:
            end = m.start() + len(m.group(0).rstrip())
            break
    return start, end
