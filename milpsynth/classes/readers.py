"""Readers for the data formats of class problems, each keeping the line of every value it reads.

- tables: markdown (`| a | b |`, separator rows of any width) and plain whitespace-aligned tables;
- pair lists: `A to B: 12 km`, `From A to B: 12`, `A - B: 12`, `between A and B: 12`, and the nested
  form `From A:` followed by indented `- to B: capacity = 5, cost = 2` lines;
- routes: `J1: (M2, 5) -> (M1, 3)` and table cells `Machine 2 (5)`;
- item lists: bullets or `Name: ...` lines with one or several values each
  (`* Crate 3: weight 45 kg, value $1,200`, `For Field A, the rate is 1.2, and the area is 30.`);
- sets: `L = {A, D, E}`; coordinates: `Hub Alpha: (12, 40)`.

A reader marks the lines it read as used (`Doc.use`) and raises `InputError` naming the line when a
line of its format cannot be read (a table row with a cell that is not a number where numbers are
expected, a row with the wrong number of cells).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from .text import Doc, Num, Value, numbers, to_number

# ---------------------------------------------------------------------------------------------
# tables


@dataclass
class Cell:
    text: str
    line: int
    start: int
    end: int

    def value(self, what: str = "a number") -> Value:
        """The one quantity in the cell ('45', '$1,200', '12 kg', '30%')."""
        nums = [n for n in numbers(self.text) if not n.index] or numbers(self.text)
        if len(nums) != 1:
            raise InputError(f"table cell {self.text.strip()!r} is not {what}", field=f"line {self.line}")
        n = nums[0]
        off = self.start + n.start
        return Value(n.value, self.line, n.text, n.unit, off, off + (n.end - n.start), n.percent)

    def is_number(self) -> bool:
        t = self.text.strip()
        return bool(t) and bool(re.fullmatch(r"[$€£]?\s*-?[\d,]*\.?\d+\s*%?(?:\s*[A-Za-z]{0,6})?", t))


@dataclass
class Row:
    cells: list[Cell]
    line: int

    @property
    def label(self) -> str:
        return self.cells[0].text.strip() if self.cells else ""


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    header_line: int | None
    kind: str = "markdown"      # markdown | plain

    @property
    def lines(self) -> list[int]:
        return ([self.header_line] if self.header_line else []) + [r.line for r in self.rows]

    @property
    def width(self) -> int:
        return max([len(self.header)] + [len(r.cells) for r in self.rows])

    def col(self, pattern: str, start: int = 1) -> int | None:
        """Index of the first header cell matching the regex (case-insensitive), from column `start`."""
        for j, h in enumerate(self.header):
            if j >= start and re.search(pattern, h, re.I):
                return j
        return None

    def cols(self, pattern: str, start: int = 1) -> list[int]:
        return [j for j, h in enumerate(self.header) if j >= start and re.search(pattern, h, re.I)]

    def values(self, j: int, what: str = "a number") -> list[Value]:
        out = []
        for r in self.rows:
            if j >= len(r.cells):
                raise InputError(f"table row has {len(r.cells)} cells, the header has "
                                 f"{len(self.header)}", field=f"line {r.line}")
            out.append(r.cells[j].value(what))
        return out

    def numeric_matrix(self, first: int = 1) -> list[list[Value]]:
        """All body cells from column `first` on as numbers; InputError naming the line otherwise."""
        width = len(self.header) if self.header else None
        out = []
        for r in self.rows:
            if width is not None and len(r.cells) != width:
                raise InputError(f"table row has {len(r.cells)} cells, the header has {width}",
                                 field=f"line {r.line}")
            out.append([c.value() for c in r.cells[first:]])
        return out

    def labels(self) -> list[str]:
        return [r.label for r in self.rows]

    def mostly_numeric(self, first: int = 1, share: float = 0.6) -> bool:
        """At least `share` of the body cells from column `first` on are numbers (a data table with a
        few unreadable or missing cells, rather than a table of words)."""
        cells = [c for r in self.rows for c in r.cells[first:]]
        return bool(cells) and sum(c.is_number() for c in cells) >= share * len(cells)


def check_numeric_tables(tables, what: str, first: int = 1) -> None:
    """When no table could serve as `what`, the reason a data table could not: the InputError of its
    first unreadable cell or short row, naming the line (tables of words are passed over)."""
    for t in tables:
        if t.header and len(t.header) > first + 1 and len(t.rows) >= 2 and t.mostly_numeric(first):
            try:
                t.numeric_matrix(first)
            except InputError as exc:
                raise InputError(f"the table that looks like the {what} cannot be read: {exc.reason}",
                                 field=exc.field) from None


_SEP_CELL = re.compile(r"^\s*:?-{1,}:?\s*$")


def _split_cells(line: str, no: int) -> list[Cell]:
    cells = []
    pos = [i for i, ch in enumerate(line) if ch == "|"]
    if not pos:
        return cells
    bounds = []
    if line[:pos[0]].strip():
        bounds.append((0, pos[0]))
    for a, b in zip(pos, pos[1:]):
        bounds.append((a + 1, b))
    if line[pos[-1] + 1:].strip():
        bounds.append((pos[-1] + 1, len(line)))
    for a, b in bounds:
        cells.append(Cell(line[a:b], no, a, b))
    return cells


def _is_sep(cells: list[Cell]) -> bool:
    return bool(cells) and all(_SEP_CELL.match(c.text) or not c.text.strip() for c in cells) and \
        any(_SEP_CELL.match(c.text) for c in cells)


def read_tables(doc: Doc) -> list[Table]:
    """Every table in the text (markdown first, then plain whitespace-aligned ones), marking their lines used."""
    tables: list[Table] = []
    n = len(doc.lines)
    no = 1
    while no <= n:
        if not doc.is_table(no) or no in doc.used:
            no += 1
            continue
        block = []
        while no <= n and doc.is_table(no):
            block.append(no)
            no += 1
        rows = [(ln, _split_cells(doc.line(ln), ln)) for ln in block]
        cur: Table | None = None
        for k, (ln, cells) in enumerate(rows):
            if _is_sep(cells):
                continue
            nxt_sep = k + 1 < len(rows) and _is_sep(rows[k + 1][1])
            if nxt_sep or cur is None:
                numeric = sum(c.is_number() for c in cells[1:])
                if nxt_sep or numeric < max(1, len(cells) - 1) / 2:
                    cur = Table([c.text.strip() for c in cells], [], ln)
                else:
                    cur = Table([], [Row(cells, ln)], None)
                tables.append(cur)
                continue
            cur.rows.append(Row(cells, ln))
        doc.use(block, "table")
    tables += _plain_tables(doc)
    return [t for t in tables if t.rows]


_PLAIN_SPLIT = re.compile(r"\t+|\s{2,}")


def _plain_tables(doc: Doc) -> list[Table]:
    out = []
    cand = {}
    for no, t in doc.numbered():
        if no in doc.used or doc.is_bullet(no) or not t.strip():
            continue
        parts = [p for p in _PLAIN_SPLIT.split(t.strip()) if p]
        if len(parts) >= 2 and all(re.fullmatch(r"[$€£]?-?[\d,]*\.?\d+%?", p) for p in parts[1:]):
            cand[no] = parts
    seen = set()
    for no in sorted(cand):
        if no in seen:
            continue
        block = [no]
        while block[-1] + 1 in cand and len(cand[block[-1] + 1]) == len(cand[no]):
            block.append(block[-1] + 1)
        seen.update(block)
        if len(block) < 2:
            continue
        width = len(cand[no])
        hl = no - 1
        header = []
        if hl >= 1 and hl not in doc.used and doc.line(hl).strip():
            hp = [p for p in _PLAIN_SPLIT.split(doc.line(hl).strip()) if p]
            if len(hp) == width:
                header = hp
            elif len(hp) == width - 1:
                header = [""] + hp
        rows = []
        for ln in block:
            line = doc.line(ln)
            cells, pos = [], 0
            for p in cand[ln]:
                s = line.index(p, pos)
                cells.append(Cell(p, ln, s, s + len(p)))
                pos = s + len(p)
            rows.append(Row(cells, ln))
        tab = Table(header, rows, hl if header else None, kind="plain")
        out.append(tab)
        doc.use(tab.lines, "table")
    return out


# ---------------------------------------------------------------------------------------------
# fields: "weight 45 kg, value $1,200, limits [0.1, 0.5]"


@dataclass
class Field:
    label: str                 # words before the number, lowercased ("size", "generation capacity")
    key: str                   # an entity named in the segment ("Stage 2"), "" if none
    values: list[Value]        # one value, or two for an interval
    unit: str
    text: str

    @property
    def value(self) -> Value:
        return self.values[0]


_STOP = {"the", "a", "an", "is", "are", "of", "=", ":", "with", "has", "have", "at", "its", "it", "and", "by",
         "be", "will", "which", "that", "for", "per", "to", "in", "on", "costs", "was", "equals", "equal",
         "each", "unit", "units"}


def _top_split(body: str) -> list[tuple[int, int]]:
    """Spans of the comma/semicolon/' and '-separated segments of a field list, outside brackets."""
    depth = 0
    cuts = [0]
    i = 0
    while i < len(body):
        ch = body[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;" and not (ch == "," and re.match(r"\d{3}\b", body[i + 1:i + 4] + " ")
                                                and i > 0 and body[i - 1].isdigit()):
            cuts += [i, i + 1]
        elif depth == 0 and body.startswith(" and ", i) and not re.search(r"\bbetween\s+\S+$", body[:i]) \
                and re.search(r"\d", body[i:]) and re.search(r"\d", body[cuts[-1]:i]):
            cuts += [i, i + 5]
        i += 1
    cuts.append(len(body))
    return [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]


_ENTITY_IN = re.compile(r"\b([A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)?)\s+(\d+|[A-Z]{1,2}\b|[A-Z][a-z]+\b)")


def parse_fields(body: str, line: int, offset: int) -> list[Field]:
    out = []
    for a, b in _top_split(body):
        seg = body[a:b]
        nums = [n for n in numbers(seg) if not n.index]
        if not nums:
            continue
        first = nums[0]
        head = seg[:first.start]
        key = ""
        km = re.search(r"\b([A-Z][\w-]*\s+(?:\d+|[A-Z]\w*))\b", head)
        if km and km.group(1).split()[0].lower() not in ("the", "a", "an"):
            key = km.group(1)
        label_words = [w for w in re.findall(r"[A-Za-z][\w'-]*", head.lower()) if w not in _STOP]
        label = " ".join(label_words)
        vals = [Value(first.value, line, first.text, first.unit, offset + a + first.start, offset + a + first.end,
                      first.percent)]
        # an interval: [lo, hi], (lo, hi), between lo and hi, from lo to hi, lo-hi
        if len(nums) >= 2:
            mid = seg[first.end:nums[1].start]
            if re.fullmatch(r"\s*[,;]\s*|\s*(?:and|to|–|-)\s*|\s*[A-Za-z ]{0,20}?\s*(?:and|to|-|–)\s*", mid):
                if re.search(r"[\[(]", seg[:first.start]) or re.search(r"\b(?:between|from|range|limits?|bounds?|"
                                                                         r"interval|within)\b", head, re.I) \
                        or re.fullmatch(r"\s*(?:–|-)\s*", mid):
                    n2 = nums[1]
                    vals.append(Value(n2.value, line, n2.text, n2.unit, offset + a + n2.start,
                                      offset + a + n2.end, n2.percent))
        out.append(Field(label, key, vals, vals[-1].unit or first.unit, seg.strip()))
    return out


# ---------------------------------------------------------------------------------------------
# item lists


@dataclass
class Item:
    name: str
    line: int
    fields: list[Field]
    text: str
    bullet: bool = True

    def find(self, pattern: str) -> Field | None:
        for f in self.fields:
            if re.search(pattern, f.label, re.I) or re.search(pattern, f.unit, re.I):
                return f
        return None


@dataclass
class ItemList:
    items: list[Item]
    header: str = ""           # the prose line just before the list ("Packages:", "The demand per week:")
    header_line: int | None = None

    @property
    def lines(self) -> list[int]:
        return [it.line for it in self.items]

    @property
    def names(self) -> list[str]:
        return [it.name for it in self.items]

    def __len__(self) -> int:
        return len(self.items)


_BULLET = re.compile(r"^\s*(?:[*•·▪◦‣-]|\d{1,3}[.)](?=\s))\s*")
_NAME_VERB = re.compile(
    r"^(?P<name>(?:[A-Z][\w'.&/-]*|\d+)(?:\s+(?:[A-Z0-9][\w'.&/-]*|of|de|la))*?)(?:'s)?\s+"
    r"(?P<rest>(?:has|have|had|requires?|needs?|can|cannot|could|may|must|should|yields?|produces?|generates?|"
    r"offers?|supplies|provides?|is|are|demands?|consumes?|reduces?|costs?|weighs?|takes?|holds?|earns?|"
    r"returns?|stocks?|stores?|handles?|receives?|ships?|delivers?|contains?|sells?|brings?|carries|capacity|"
    r"availability|requirement|stock|demand|supply|output|inventory)\b.*)$")


def _parse_item(body: str, line: int, offset: int) -> Item | None:
    """'Name: fields', 'For Name, fields', 'Name has 97 units' -> Item (None when no value is found)."""
    m = re.match(r"^(?:For|At|In|On|(?:By\s+)?(?:deploying|using|applying|adopting|implementing|with)|"
                 r"(?:Using|Deploying|Applying|Adopting|Implementing|With))\s+(?P<name>[^,:]{1,60}?),\s*(?P<rest>.*)$",
                 body)
    if m and re.search(r"\d", m.group("rest")):
        name, rest, rs = m.group("name"), m.group("rest"), m.start("rest")
    else:
        m = re.match(r"^(?P<name>[^:=]{1,80}?)\s*(?::|=|–|—|\s-\s)\s*(?P<rest>.*\d.*)$", body)
        if m and not re.search(r"\d+(?:\.\d+)?\s+[a-z]", m.group("name")):
            name, rest, rs = m.group("name"), m.group("rest"), m.start("rest")
        else:
            m = _NAME_VERB.match(body) or re.match(r"^(?P<name>[A-Z][\w.&-]*(?:\s+[A-Z0-9][\w.&-]*){0,3})'s\s+"
                                                   r"(?P<rest>.*\d.*)$", body) or \
                re.match(r"^(?P<name>[A-Z][\w.&-]*(?:\s+[A-Z0-9][\w.&-]*){0,3})\s*\((?P<rest>[^()]*\d[^()]*)\)"
                         r"\s*[.;]?$", body)
            if not m:
                return None
            name, rest, rs = m.group("name"), m.group("rest"), m.start("rest")
    name = re.sub(r"^(?:The|the)\s+", "", name.strip()).strip(" *_")
    name = re.sub(r"'s$", "", name)
    name = re.sub(r"\*\*|__", "", name).strip()
    fields = parse_fields(rest, line, offset + rs)
    if not fields:
        return None
    return Item(name, line, fields, body)


# a non-bullet item line: a short capitalised name, a colon, a short rest ('Week 3: 40 units')
_PLAIN_ITEM = re.compile(r"^[A-Z][\w'.&-]*(?:\s+[\w'.&-]+){0,3}\s*:\s*[^{}]{1,100}$")


def read_items(doc: Doc, *, bullets_only: bool = False) -> list[ItemList]:
    """Lists of items: runs of bullet lines (or 'Name: value' lines) that each carry at least one value."""
    lists: list[ItemList] = []
    cur: ItemList | None = None
    last = None
    for no, t in doc.numbered():
        if no in doc.used:
            cur = None
            continue
        if not t.strip():
            continue
        bullet = bool(_BULLET.match(t)) and not doc.is_table(no)
        inline = None if bullet or doc.is_table(no) else re.search(r":\s+[*•]\s+(?=[A-Z0-9])", t)
        if inline:      # 'The assets are as follows: * Asset A: ...' - a list that starts on the header line
            bullet = True
        if bullets_only and not bullet:
            cur = None
            continue
        mb = _BULLET.match(t) if bullet and not inline else None
        body_off = inline.end() if inline else (mb.end() if mb else len(t) - len(t.lstrip()))
        body = t[body_off:].rstrip()
        if not bullet and (len(body) > 160 or not re.match(r"^[A-Z*]", body)):
            cur = None
            continue
        if not bullet and not _PLAIN_ITEM.match(body):
            cur = None
            continue
        it = _parse_item(body, no, body_off)
        if it is None:
            cur = None
            continue
        it.bullet = bullet
        if cur is not None and cur.items and _kind_changes(cur.items[-1], it):
            cur = None
        if cur is None or (last is not None and no - last > 2):
            hl = _header_line(doc, no)
            cur = ItemList([], doc.line(hl).strip() if hl else "", hl)
            lists.append(cur)
        cur.items.append(it)
        last = no
    # a lone 'Name: ...' prose line is a sentence, not a list
    lists = [lst for lst in lists if len(lst) >= 2 or any(it.bullet for it in lst.items)]
    for lst in lists:
        doc.use(lst.lines, "items")
    return lists


def _kind_changes(prev: Item, it: Item) -> bool:
    """Two adjacent bullets belong to different lists when their kind word or their first label differs
    ('Warehouse 1: supply 30' then 'Store 1: demand 20')."""
    def head(item):      # the words after the name: 'supply', 'has ... units', 'requires ... units'
        rest = item.text[item.text.find(item.name) + len(item.name):] if item.name in item.text else item.text
        return " ".join(re.findall(r"[a-z]+", rest.lower()))
    if head(prev) == head(it):
        return False
    a, b = _tokens(prev.name), _tokens(it.name)
    if len(a) >= 2 and len(b) >= 2 and a[0].lower() != b[0].lower() and not a[0][0].isdigit():
        return True
    ma, mb = re.fullmatch(r"([A-Za-z]+)\d+", prev.name), re.fullmatch(r"([A-Za-z]+)\d+", it.name)
    return bool(ma and mb and ma.group(1) != mb.group(1))      # 'S1 has 50' then 'M1 requires 40'


def _header_line(doc: Doc, no: int) -> int | None:
    k = no - 1
    while k >= 1 and not doc.line(k).strip():
        k -= 1
    if k >= 1 and not _BULLET.match(doc.line(k)) and not doc.is_table(k):
        return k
    return None


# ---------------------------------------------------------------------------------------------
# pair lists


@dataclass
class Pair:
    a: str
    b: str
    fields: list[Field]
    line: int
    text: str
    directed: bool = False     # written "from A to B"

    @property
    def value(self) -> Value:
        return self.fields[0].value


_PAIR_RES = [
    re.compile(r"^(?:(?:the\s+)?(?:distance|time|cost|travel\s+time|route|link|path)\s+)?(?P<from>from\s+)?"
               r"(?P<a>[^\W_][\w .'&/-]*?)\s+(?:to|->|→|⟶|=>|–|—|-|<->|↔)\s+"
               r"(?P<b>[^\W_][\w .'&/-]*?)\s*(?:[:=]|\bis\b|\bis\s+\w+\s+|\(|–|—|,)\s*(?P<rest>.*\d.*)$", re.I),
    re.compile(r"^(?:the\s+)?(?:\w+\s+){0,3}?between\s+(?P<a>[^\W_][\w .'&/-]*?)\s+and\s+"
               r"(?P<b>[^\W_][\w .'&/-]*?)\s*(?:[:=]|\bis\b|,)\s*(?P<rest>.*\d.*)$", re.I),
    re.compile(r"^\(?\s*(?P<a>[^\W\d_][\w .'&/-]*?)\s*,\s*(?P<b>[^\W\d_][\w .'&/-]*?)\s*\)\s*[:=]\s*(?P<rest>.*\d.*)$"),
    re.compile(r"^(?P<a>[^\W\d_][\w'&]*?)-(?P<b>[^\W\d_][\w'&]*?)\s*[:=]\s*(?P<rest>.*\d.*)$"),
]


def _parse_pair(body: str, line: int, offset: int) -> Pair | None:
    for rx in _PAIR_RES:
        m = rx.match(body)
        if not m:
            continue
        a, b = m.group("a").strip(), m.group("b").strip()
        if not a or not b or re.search(r"\d+\s*(?:kg|km|units?|%)", a) or len(a) > 50 or len(b) > 50:
            continue
        fields = parse_fields(m.group("rest"), line, offset + m.start("rest"))
        if not fields:
            continue
        directed = bool(m.groupdict().get("from"))
        return Pair(a, b, fields, line, body, directed)
    return None


def read_pairs(doc: Doc) -> list[Pair]:
    """'A to B: 12 km' lines (bullets or not) and the nested 'From A:' / '- to B: ...' form."""
    out: list[Pair] = []
    lines = []
    parent = None
    for no, t in doc.numbered():
        if no in doc.used or not t.strip():
            continue
        mb = _BULLET.match(t)
        off = mb.end() if mb else len(t) - len(t.lstrip())
        body = t[off:].rstrip().rstrip(".")
        head = re.match(r"^(?:from\s+)(?P<a>[^\W_][\w .'&/-]*?)\s*:?\s*$", body, re.I)
        if head:
            parent = (head.group("a").strip(), no)
            lines.append(no)
            continue
        sub = re.match(r"^(?:to\s+)(?P<b>[^\W_][\w .'&/-]*?)\s*[:=,]\s*(?P<rest>.*\d.*)$", body, re.I)
        if sub and parent is not None:
            fields = parse_fields(sub.group("rest"), no, off + sub.start("rest"))
            if fields:
                out.append(Pair(parent[0], sub.group("b").strip(), fields, no, body, True))
                lines.append(no)
                continue
        if not mb and len(body) > 120:
            parent = None
            continue
        p = _parse_pair(body, no, off)
        if p is not None:
            out.append(p)
            lines.append(no)
        elif not sub:
            parent = None
    doc.use(lines, "pairs")
    return out


# ---------------------------------------------------------------------------------------------
# routes


@dataclass
class Route:
    name: str
    steps: list[tuple[str, Value]]       # (machine, duration) in order
    line: int


_STEP = re.compile(r"\(\s*(?P<m>[^,()]+?)\s*[,:;]\s*(?P<t>-?\d[\d,.]*)\s*(?:[A-Za-z]+)?\s*\)")
_STEP_CELL = re.compile(r"(?P<m>[A-Za-z][\w .-]*?)\s*\(\s*(?P<t>-?\d[\d,.]*)\s*(?:[A-Za-z]+)?\s*\)")


def read_routes(doc: Doc) -> list[Route]:
    """'J1 follows the route: (M2, 5) → (M1, 3)' lines."""
    out = []
    for no, t in doc.numbered():
        if no in doc.used:
            continue
        steps = list(_STEP.finditer(t))
        if len(steps) < 1 or not (len(steps) >= 2 or re.search(r"→|->|⟶|=>", t)):
            continue
        first = steps[0].start()
        head = _BULLET.sub("", t[:first]).strip().rstrip(":").strip()
        name = re.split(r"\s+(?:follows?|requires?|must|has|goes|visits|needs|undergoes|is|route|sequence|:)\b",
                        head, maxsplit=1)[0].strip(" :*")
        if not name:
            name = f"line {no}"
        route = []
        for m in steps:
            tt = m.group("t")
            route.append((m.group("m").strip(), Value(to_number(tt), no, tt, "", m.start("t"), m.end("t"))))
        out.append(Route(name, route, no))
        doc.use(no, "routes")
    return out


def route_cell(cell: Cell) -> tuple[str, Value] | None:
    m = _STEP_CELL.search(cell.text)
    if not m:
        return None
    s = cell.start + m.start("t")
    return m.group("m").strip(), Value(to_number(m.group("t")), cell.line, m.group("t"), "", s,
                                       s + len(m.group("t")))


# ---------------------------------------------------------------------------------------------
# sets and coordinates


@dataclass
class NamedSet:
    name: str
    members: list[str]
    line: int
    text: str


def read_sets(doc: Doc) -> list[NamedSet]:
    out = []
    for no, t in doc.numbered():
        for m in re.finditer(r"(?:\b(?P<n>[A-Za-z][\w]*)\s*=\s*)?\{(?P<b>[^{}]+)\}", t):
            members = [x.strip() for x in re.split(r",|\band\b", m.group("b")) if x.strip()]
            if members:
                out.append(NamedSet(m.group("n") or "", members, no, m.group(0)))
    return out


@dataclass
class Coord:
    name: str
    x: Value
    y: Value
    line: int


def read_coords(doc: Doc) -> list[Coord]:
    out, lines = [], []
    for no, t in doc.numbered():
        if no in doc.used:
            continue
        body = _BULLET.sub("", t).strip()
        m = re.match(r"^(?P<name>[A-Z][\w .'-]*?)(?:\s*:|\s*=|\s+is\s+(?:located\s+)?at\b|\s+at\b|\s+located\s+at\b)"
                     r"\s*[^()\d-]{0,60}?\(\s*"
                     r"(?P<x>-?\d+(?:\.\d+)?)\s*,\s*(?P<y>-?\d+(?:\.\d+)?)\s*\)\s*\.?\s*$", body)
        if not m:
            continue
        off = len(t) - len(t.lstrip()) + (len(t.lstrip()) - len(_BULLET.sub("", t.lstrip())))
        out.append(Coord(m.group("name").strip(), Value(float(m.group("x")), no, m.group("x"), "", off + m.start("x"),
                                                           off + m.end("x")),
                         Value(float(m.group("y")), no, m.group("y"), "", off + m.start("y"), off + m.end("y")), no))
        lines.append(no)
    doc.use(lines, "coordinates")
    return out


# ---------------------------------------------------------------------------------------------
# names


def _tokens(name: str) -> list[str]:
    return re.findall(r"[\w'&.-]+", name)


@dataclass
class Names:
    """Entity names of one kind ('Package Alpha', 'Package Beta', ...), found again in other wordings:
    the full name, the name without its kind word ('Alpha'), case-insensitively for longer names."""
    names: list[str]
    kinds: set = field(default_factory=set)

    def __post_init__(self):
        first = {}
        for n in self.names:
            tk = _tokens(n)
            if len(tk) >= 2:
                first[tk[0].lower()] = first.get(tk[0].lower(), 0) + 1
        self.kinds = self.kinds | {k for k, c in first.items() if c >= max(2, len(self.names) // 2)}
        self.ident = [self.short(n) for n in self.names]

    def short(self, name: str) -> str:
        tk = _tokens(name)
        while len(tk) >= 2 and tk[0].lower() in self.kinds:
            tk = tk[1:]
        return " ".join(tk)

    def find(self, mention: str) -> int | None:
        m = " ".join(_tokens(mention))
        if not m:
            return None
        low = [" ".join(_tokens(n)).lower() for n in self.names]
        if m.lower() in low:
            return low.index(m.lower())
        s = self.short(m)
        for i, idn in enumerate(self.ident):
            if s == idn or (len(s) > 1 and s.lower() == idn.lower()):
                return i
        # a different kind word for the same identifier ('Tower B' for 'B', 'Node 3' for '3')
        tk = _tokens(m)
        if len(tk) >= 2:
            rest = " ".join(tk[1:])
            for i, idn in enumerate(self.ident):
                if rest == idn:
                    return i
        return None

    def pattern(self) -> str:
        """A regex matching a mention of any of the names (full, kind + id, or a bare id of 2+ chars)."""
        alts = sorted({re.escape(n) for n in self.names}, key=len, reverse=True)
        kinds = "|".join(sorted((re.escape(k) for k in self.kinds), key=len, reverse=True))
        ids = sorted({re.escape(i) for i in self.ident if i}, key=len, reverse=True)
        parts = alts[:]
        if kinds and ids:
            parts.append(r"(?:(?i:" + kinds + r")s?\s+)(?:" + "|".join(ids) + r")")
        long_ids = [i for i in ids if len(i.replace("\\", "")) >= 2 and not i.isdigit()]
        if long_ids:
            parts.append("|".join(long_ids))
        return r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])"

    def mentions(self, text: str, *, bare_single: bool = False) -> list[tuple[int, int, int]]:
        """(index, start, end) of each mention, left to right. Single-letter ids count bare only after
        'and'/'or'/','/'between'/'to' when a full mention came first, or when bare_single is set."""
        out = []
        for m in re.finditer(self.pattern(), text):
            i = self.find(m.group(0))
            if i is not None:
                out.append((i, m.start(), m.end()))
        singles = [(k, idn) for k, idn in enumerate(self.ident) if len(idn) == 1 or idn.isdigit()]
        if singles and (out or bare_single):
            taken = [(s, e) for _, s, e in out]
            for k, idn in singles:
                for m in re.finditer(r"(?:(?<=\band )|(?<=\bor )|(?<=, )|(?<=\bbetween )|(?<=\bto )|(?<=\bof )|"
                                     r"(?<=\bnor ))" + re.escape(idn) + r"(?![\w])", text):
                    if bare_single or any(e <= m.start() for _, e in taken):
                        if not any(s <= m.start() < e for s, e in taken):
                            out.append((k, m.start(), m.end()))
        return sorted(out, key=lambda x: x[1])


def entity_count(text: str, nouns: list[str]) -> list[tuple[int, str]]:
    """Counts stated next to a noun: '12 offices', 'seven distinct facilities' -> [(12, 'offices')]."""
    from .text import word_number
    out = []
    noun = "|".join(re.escape(n) for n in nouns if n)
    if not noun:
        return out
    for m in re.finditer(r"\b(\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[a-z-]+\s+){0,3}?(" + noun + r")\b", text, re.I):
        k = word_number(m.group(1))
        if k is not None:
            out.append((k, m.group(2)))
    return out


def first_number(nums: list[Num]) -> Num | None:
    for n in nums:
        if not n.index:
            return n
    return None
