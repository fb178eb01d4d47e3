"""Tables the reader sorts, searches and picks a row of: an HTML table drawn in place.

``st.dataframe`` draws a canvas data grid; on an actor click its table of a dozen
relations kept the page busy about 0.2 s after the script had ended (the actor click took
0.64 s against 0.44 s without the table, ``benchmarks/README.md``). :func:`table_view`
draws the rows as a plain HTML table through a small ``st.components.v2`` component that
keeps its element across reruns: a click on a column's heading sorts by it (again:
the other way), a search box keeps the rows that contain its text, *Download CSV* saves
the rows as shown (cells that a spreadsheet would read as a formula are quoted), and a
click on a row (or Enter on it) chooses it. Of a long table the first :data:`ROWS_DRAWN`
rows are drawn (with the chosen one), and *Show more* draws more; the CSV has them all.
The rows travel column by column, a repeated text once (:func:`table_rows` reads them).

The choice is kept as ``st.dataframe``'s selection event is
(``{"selection": {"rows": [index]}}``, the index of the row in the frame given, whatever
the order shown), plus the time of the click, so a row chosen again counts again.
Everything a cell shows is set as text (``textContent``): data cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from graph.i18n import gettext as _

__all__ = ["ROWS_DRAWN", "Column", "table_data", "table_rows", "table_view"]

#: Rows drawn at first, and added by each *Show more*; sorting, searching and the CSV still
#: cover every row. On 10^4 generated relations the relations on screen, every row drawn,
#: made a relation-type click take 2.98 s against 1.87 s before that table (chromium,
#: ``benchmarks/page_latency.py``); the shipped data's tables never reach it.
ROWS_DRAWN = 200


class Column(NamedTuple):
    """How a column of a table is shown: its heading, its tooltip, and for a number its
    format (``"{:,.0f}"``, ``"{:.3f}"``); a column with a format sorts by its numbers."""

    label: str
    help: str | None = None
    number: str | None = None


_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let root = parentElement.querySelector('.bl-table');
  if (!root) {
    root = document.createElement('div');
    root.className = 'bl-table';
    root.innerHTML = '<div class="bl-table-bar"><input type="search" class="bl-table-search">' +
      '<span class="bl-table-count"></span><button type="button" class="bl-table-csv">' +
      'Download CSV</button></div><div class="bl-table-scroll"><table><thead><tr></tr>' +
      '</thead><tbody></tbody></table></div><button type="button" class="bl-table-more" ' +
      'hidden></button>';
    parentElement.appendChild(root);
    // limit: how many of the rows (sorted, searched) are drawn; null for the first page.
    root.__bl = { sort: null, descending: false, query: '', limit: null };
    const search = root.querySelector('.bl-table-search');
    search.addEventListener('input', () => {
      root.__bl.query = search.value;
      root.__bl.limit = null;
      draw(root);
    });
    root.querySelector('.bl-table-more').addEventListener('click', () => {
      root.__bl.limit = root.__bl.drawn + root.__bl.data.page;
      draw(root);
    });
    root.querySelector('.bl-table-csv').addEventListener('click', () => download(root));
    const pick = (row) => {
      if (!row || row.dataset.index === undefined) return;
      root.__bl.send({ rows: [Number(row.dataset.index)], at: Date.now() });
      const reveal = root.__bl.data.reveal && document.querySelector(root.__bl.data.reveal);
      if (reveal) reveal.scrollIntoView({ block: 'end' });
    };
    root.querySelector('tbody').addEventListener('click', (e) => pick(e.target.closest('tr')));
    root.querySelector('tbody').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(e.target.closest('tr')); }
    });
  }
  // The reader's sort and search stay; the rows, and how to send a choice, are this run's.
  root.__bl.send = (value) => setStateValue('selection', value);
  if (!data.rows) data.rows = decodeRows(data.cells);
  root.__bl.data = data;
  const search = root.querySelector('.bl-table-search');
  search.hidden = !data.search;
  search.placeholder = data.search_label;
  search.setAttribute('aria-label', data.search_label);
  root.querySelector('.bl-table-csv').textContent = data.csv_label;
  root.classList.toggle('bl-wrap', Boolean(data.wrap));
  const scroll = root.querySelector('.bl-table-scroll');
  scroll.style.maxHeight = data.height + 'px';
  draw(root);
  // A row chosen elsewhere (a click on a figure) is scrolled into the table's view, once.
  const chosen = root.querySelector('tr.bl-chosen');
  if (chosen && root.__bl.revealed !== data.selected) {
    scroll.scrollTop = Math.max(0, chosen.offsetTop - scroll.clientHeight / 2);
  }
  root.__bl.revealed = data.selected;
}

// The rows from the columns sent (table_rows in ui/table.py reads them the same way): a
// column is its texts, or its distinct texts and, per row, the index of its own.
function decodeRows(cells) {
  const n = cells.length ? (cells[0].text || cells[0].codes).length : 0;
  const columns = cells.map((c) => c.text || c.codes.map((code) => c.values[code]));
  return Array.from({ length: n }, (_, i) => columns.map((column) => column[i]));
}

function shownRows(root) {
  const { data, sort, descending, query } = root.__bl;
  const words = query.trim().toLowerCase();
  let rows = data.rows.map((cells, index) => ({ cells, index }));
  if (words) rows = rows.filter((r) => r.cells.some((c) => c.toLowerCase().includes(words)));
  if (sort !== null) {
    const numbers = data.numbers[sort];
    const key = numbers ? (r) => numbers[r.index] : (r) => r.cells[sort].toLowerCase();
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === y) return a.index - b.index;
      if (x === null) return 1;  // blanks last, either way
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
  }
  return rows;
}

function draw(root) {
  const { data, sort, descending } = root.__bl;
  const head = root.querySelector('thead tr');
  head.replaceChildren(...data.columns.map((column, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.setAttribute('aria-sort', sort === i ? (descending ? 'descending' : 'ascending') : 'none');
    if (data.numbers[i]) th.className = 'bl-number';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = column.label + (sort === i ? (descending ? ' \\u25BE' : ' \\u25B4') : '');
    if (column.help) button.title = column.help;
    button.addEventListener('click', () => {
      const state = root.__bl;
      state.descending = state.sort === i ? !state.descending : false;
      state.sort = i;
      draw(root);
    });
    th.appendChild(button);
    return th;
  }));
  const rows = shownRows(root);
  // Thousands of rows would take the browser seconds to lay out on every run: draw a page
  // of them (and the chosen row, wherever it is), the rest on request.
  const state = root.__bl;
  let limit = state.limit === null ? data.page : state.limit;
  const at = rows.findIndex((r) => r.index === data.selected);
  if (at >= limit) limit = (Math.floor(at / data.page) + 1) * data.page;
  const drawn = rows.slice(0, limit);
  state.drawn = drawn.length;
  root.querySelector('tbody').replaceChildren(...drawn.map(({ cells, index }) => {
    const tr = document.createElement('tr');
    tr.dataset.index = String(index);
    tr.tabIndex = 0;
    if (index === data.selected) tr.className = 'bl-chosen';
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (text.length > 24) td.title = text;  // cut to one line: the whole text on hover
      if (data.numbers[i]) td.className = 'bl-number';
      tr.appendChild(td);
    });
    return tr;
  }));
  const total = data.rows.length;
  const left = rows.length - drawn.length;
  const n = (count) => count.toLocaleString('en-US');  // 10,000 as the page's other counts
  root.querySelector('.bl-table-count').textContent =
    left > 0 ?
      data.drawn_label.replace('{drawn}', n(drawn.length)).replace('{shown}', n(rows.length)) :
    rows.length === total ? '' :
      data.count_label.replace('{shown}', n(rows.length)).replace('{total}', n(total));
  const more = root.querySelector('.bl-table-more');
  more.hidden = left <= 0;
  more.textContent = data.more_label.replace('{more}', n(Math.min(left, data.page)));
}

function download(root) {
  const { data } = root.__bl;
  const quote = (text) => {
    let value = String(text);
    if (/^[=+\\-@\\t\\r]/.test(value)) value = "'" + value;  // not a formula in a spreadsheet
    return /[",\\n\\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  };
  const lines = [data.columns.map((c) => quote(c.label)).join(',')];
  for (const row of shownRows(root)) lines.push(row.cells.map(quote).join(','));
  const blob = new Blob([lines.join('\\r\\n') + '\\r\\n'], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = data.filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
"""

_CSS = """
.bl-table { font-size: 0.875rem; }
.bl-table-bar { display: flex; gap: 0.75rem; align-items: center; margin-bottom: 0.35rem; }
.bl-table-search { flex: 1 1 auto; max-width: 22rem; font: inherit; color: inherit;
  background: transparent; border: 1px solid rgba(128,128,128,0.45); border-radius: 0.4rem;
  padding: 0.3rem 0.5rem; }
.bl-table-count { opacity: 0.8; }
.bl-table-csv, .bl-table-more { font: inherit; color: inherit; background: transparent;
  border: 1px solid rgba(128,128,128,0.45); border-radius: 0.4rem; padding: 0.2rem 0.6rem;
  cursor: pointer; }
.bl-table-csv { margin-left: auto; }
.bl-table-more { margin-top: 0.35rem; }
.bl-table-scroll { position: relative; overflow: auto; border: 1px solid rgba(128,128,128,0.3);
  border-radius: 0.4rem; }
.bl-table table { border-collapse: collapse; width: 100%; }
.bl-table th { position: sticky; top: 0; background: rgba(128,128,128,0.16);
  backdrop-filter: blur(6px); text-align: left; padding: 0; white-space: nowrap; }
.bl-table th button { font: inherit; font-weight: 600; color: inherit; background: none;
  border: 0; padding: 0.35rem 0.5rem; width: 100%; text-align: inherit; cursor: pointer; }
.bl-table td { padding: 0.3rem 0.5rem; border-top: 1px solid rgba(128,128,128,0.2);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 18rem; }
.bl-table.bl-wrap td { white-space: normal; max-width: 16rem; }
.bl-table .bl-number { text-align: right; font-variant-numeric: tabular-nums; }
.bl-table tbody tr { cursor: pointer; }
.bl-table tbody tr:hover { background: rgba(128,128,128,0.1); }
.bl-table tbody tr:focus-visible { outline: 2px solid rgba(28,131,225,0.8); outline-offset: -2px; }
.bl-table tbody tr.bl-chosen { background: rgba(28,131,225,0.16); }
"""


def _component() -> Any:
    """The component's mounting command (registered on every call, as ui.figure's)."""
    return st.components.v2.component("borderlines_table", js=_JS, css=_CSS, isolate_styles=False)


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA: an empty cell."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell: not missing
        return False


def _cell(value: Any, number: str | None) -> str:
    if _missing(value):
        return ""
    if number is not None and isinstance(value, Real):
        return number.format(value)
    return str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, Real) or _missing(value):
        return None
    return float(value)


def table_data(
    frame: pd.DataFrame,
    columns: Mapping[str, str | Column],
    *,
    selected: int | None = None,
    search: bool = True,
    filename: str = "table.csv",
    height: int = 360,
    reveal: str | None = None,
    wrap: bool = False,
) -> dict[str, Any]:
    """Return what :func:`table_view` sends to the browser for ``frame`` (but for the
    rows, which it sends column by column): the columns named in ``columns`` (in that
    order), each cell as the text shown, and the numbers of the number columns (for
    sorting).

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["Iran", "Oman"], "degree": [12, 3], "id": ["i", "o"]})
    >>> data = table_data(frame, {"name": "Actor", "degree": Column("Relations", number="{:,}")})
    >>> data["rows"], data["numbers"]
    ([['Iran', '12'], ['Oman', '3']], [None, [12.0, 3.0]])
    >>> table_data(frame, {"size": "Size"})
    Traceback (most recent call last):
    ...
    ValueError: the table has no column 'size'; its columns are name, degree, id
    """
    for name in columns:
        if name not in frame.columns:
            have = ", ".join(map(str, frame.columns))
            raise ValueError(f"the table has no column {name!r}; its columns are {have}")
    if selected is not None and not 0 <= selected < len(frame):
        raise ValueError(f"selected row {selected!r} is not a row of the table's {len(frame)}")
    specs = [c if isinstance(c, Column) else Column(c) for c in columns.values()]
    values = [frame[name].tolist() for name in columns]
    rows = [
        [_cell(column[i], spec.number) for column, spec in zip(values, specs, strict=True)]
        for i in range(len(frame))
    ]
    numbers = [
        [_number(v) for v in column] if spec.number is not None else None
        for column, spec in zip(values, specs, strict=True)
    ]
    return {
        "columns": [{"label": spec.label, "help": spec.help} for spec in specs],
        "rows": rows,
        "numbers": numbers,
        "selected": selected,
        "search": search,
        "search_label": _("Search the rows"),
        "csv_label": _("Download CSV"),
        "count_label": _("{shown} of {total} rows"),
        "drawn_label": _("{drawn} of {shown} rows shown"),
        "more_label": _("Show {more} more"),
        "page": ROWS_DRAWN,
        "filename": filename,
        "height": height,
        "reveal": reveal,
        "wrap": wrap,
    }


def _columns_sent(rows: list[list[str]], width: int) -> list[dict[str, list]]:
    """The rows as the browser gets them: column by column, a column of few distinct
    texts (under half as many as rows) as those texts and a code per row, any other as
    its texts. The relations on screen of 10^4 generated relations took 2.68 MB of JSON
    as rows and take 0.71 MB so (the citations, types, signs and grades repeat).

    Examples
    --------
    >>> _columns_sent([["R1", "hostile"], ["R2", "hostile"], ["R3", "hostile"]], 2)
    [{'text': ['R1', 'R2', 'R3']}, {'values': ['hostile'], 'codes': [0, 0, 0]}]
    """
    columns: list[dict[str, list]] = []
    for j in range(width):
        seen: dict[str, int] = {}
        codes = [seen.setdefault(row[j], len(seen)) for row in rows]
        if 2 * len(seen) < len(rows):
            columns.append({"values": list(seen), "codes": codes})
        else:
            columns.append({"text": [row[j] for row in rows]})
    return columns


def table_rows(sent: Mapping[str, Any]) -> list[list[str]]:
    """The rows of a table as :func:`table_view` sends them to the browser (as its
    script reads them): for a test, or anything else that reads the page.

    Examples
    --------
    >>> sent = {"columns": [{"label": "Id"}], "cells": [{"values": ["a"], "codes": [0, 0]}]}
    >>> table_rows(sent)
    [['a'], ['a']]
    """
    columns = [
        c["text"] if "text" in c else [c["values"][code] for code in c["codes"]]
        for c in sent["cells"]
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def table_view(
    frame: pd.DataFrame,
    columns: Mapping[str, str | Column],
    *,
    key: str,
    selected: int | None = None,
    search: bool = True,
    filename: str = "table.csv",
    height: int = 360,
    reveal: str | None = None,
    wrap: bool = False,
) -> None:
    """Draw ``frame``'s ``columns`` as a table under ``key``; a row the reader chooses
    sets ``st.session_state[key]["selection"]["rows"]`` (its index in ``frame``).

    ``selected`` marks a row as the chosen one; ``search`` offers the search box;
    ``filename`` names the CSV download; ``height`` is the most the table takes before
    it scrolls (pixels); ``reveal`` is a CSS selector of what a chosen row shows (the page
    scrolls it into view: a table below the fold opens the record above it); ``wrap``
    lets long cells run on several lines (else each is cut to one, whole on hover).
    """
    data = table_data(
        frame, columns, selected=selected, search=search, filename=filename, height=height,
        reveal=reveal, wrap=wrap,
    )  # fmt: skip
    data["cells"] = _columns_sent(data.pop("rows"), len(data["columns"]))
    _component()(data=data, key=key, on_selection_change=lambda: None)
