"""The review sheet: one row per proposed event, as CSV and as HTML with the evidence marked.

The HTML is rendered by jinja2 with autoescaping on (article text is untrusted): the evidence
is cut into plain and marked segments in Python and every segment is escaped by the template.
Marks: the trigger, the dates, the partners, the people and institutions. Each evidence quote
is shown in its context (the text around it in the article), and, for a draft of new articles,
with the curated event the proposal would join (:mod:`helpers.extraction.joins`).

``review.csv`` has a ``decision`` column for the analyst: ``accept``, ``reject``, or empty
(undecided); ``python -m helpers merge`` merges the accepted proposals.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment

from helpers.data.tables import read_table, table_path
from helpers.extraction.joins import curated_joins
from helpers.extraction.merge import Draft

DECISIONS = ("accept", "reject", "")
CONTEXT = 240  # characters of article text shown on each side of an evidence quote

PRIORITY = ("trigger", "date", "person", "partner", "institution")

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Draft events for review</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem; vertical-align: top; text-align: left; font-size: .9rem; }
th { background: #f4f4f4; position: sticky; top: 0; }
blockquote { margin: 0; font-family: Georgia, serif; }
mark { padding: 0 .1rem; border-radius: 2px; }
mark.trigger { background: #ffd54f; }
mark.date { background: #90caf9; }
mark.partner { background: #a5d6a7; }
mark.person { background: #f48fb1; }
mark.institution { background: #ce93d8; }
.low { color: #b71c1c; font-weight: bold; }
.meta { color: #555; font-size: .8rem; }
.context { color: #777; }
.evidence { color: #111; background: #fffde7; }
</style>
</head>
<body>
<h1>Draft events for review</h1>
<p>{{ events|length }} proposed event(s) from {{ articles }} article(s). Each row shows the evidence
sentence that best supports the event, with
<mark class="trigger">the trigger</mark>, <mark class="date">dates</mark>,
<mark class="partner">partners</mark>, <mark class="person">people</mark> and
<mark class="institution">institutions</mark> marked; the other evidence sentences are folded below it.</p>
<p class="meta">Confidence: 0.35, +0.2 when the evidence sentence names the partner, +0.2 for a stated date
(+0.1 relative or inferred), +0.1 for two or more evidence sentences, +0.1 for two or more articles,
+0.05 when a person is identified, −0.15 when a stated weekday contradicts the date. Below 0.5 is shown in red.</p>
<p class="meta">Decide in <code>review.csv</code>, column <code>decision</code>: <code>accept</code>, <code>reject</code>,
or empty (undecided); then <code>python -m helpers merge</code>. A proposal with a curated event in the
“joins” column becomes a new mention of that event, not a new event.</p>
<table>
<thead><tr><th>event</th><th>confidence</th><th>type</th><th>partners</th><th>date</th><th>people</th><th>evidence (in context)</th><th>joins</th><th>notes</th></tr></thead>
<tbody>
{% for e in events %}
<tr id="{{ e.event_id }}">
<td>{{ e.event_id }}</td>
<td class="{{ 'low' if e.confidence < 0.5 else '' }}" title="{{ e.reasons }}">{{ '%.2f'|format(e.confidence) }}</td>
<td>{{ e.event_type }}<div class="meta">{{ e.factuality }}</div></td>
<td>{{ e.partners }}</td>
<td>{% if e.date_start %}{{ e.date_start }}{% if e.date_end != e.date_start %} – {{ e.date_end }}{% endif %}<div class="meta">{{ e.date_precision }}, {{ e.date_basis }}</div>{% else %}undated{% endif %}
{% if e.date_text %}<div class="meta">« {{ e.date_text }} »</div>{% endif %}</td>
<td>{{ e.people }}</td>
<td>{% for m in e.shown %}{% if loop.index == 2 %}<details><summary>{{ e.shown|length - 1 }} more</summary>{% endif %}
<blockquote><span class="context">{{ m.before }}</span><span class="evidence">{% for text, kind in m.segments %}{% if kind %}<mark class="{{ kind }}">{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</span><span class="context">{{ m.after }}</span></blockquote>
<div class="meta">{{ m.article_id }} [{{ m.start }}:{{ m.end }}]</div>
{% if loop.last and loop.length > 1 %}</details>{% endif %}{% endfor %}</td>
<td>{% if e.joins %}{{ e.joins }}<div class="meta">{{ e.joins_title }}</div>{% else %}<span class="meta">new event</span>{% endif %}</td>
<td class="meta">{{ e.notes }}</td>
</tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""


def segments(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` cut into (piece, kind) segments; overlapping marks keep the higher-priority kind
    (trigger, date, person, partner, institution) and unmarked pieces have kind ``''``."""
    chosen: list[tuple[int, int, str]] = []
    for s, e, kind in sorted(
        marks, key=lambda m: (PRIORITY.index(m[2]) if m[2] in PRIORITY else 99, m[0])
    ):
        if 0 <= s < e <= len(text) and not any(s < ce and cs < e for cs, ce, _ in chosen):
            chosen.append((s, e, kind))
    out: list[tuple[str, str]] = []
    pos = 0
    for s, e, kind in sorted(chosen):
        if s > pos:
            out.append((text[pos:s], ""))
        out.append((text[s:e], kind))
        pos = e
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


def _context(text: str | None, start: int, end: int) -> tuple[str, str]:
    if text is None:
        return "", ""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return ("…" if start > CONTEXT else "") + before, after + (
        "…" if end + CONTEXT < len(text) else ""
    )


def render_html(
    draft: Draft,
    texts: dict[str, str] | None = None,
    joins: dict[str, tuple[str, str]] | None = None,
) -> str:
    """The review sheet as a self-contained HTML page: each evidence quote within ``texts``'
    surrounding words, and each proposal's curated event from ``joins`` (id, title)."""
    texts, joins = texts or {}, joins or {}
    events = []
    by_event: dict[str, list] = {}  # each event's mentions in table order, read once
    for m in draft.mentions.itertuples(index=False):
        by_event.setdefault(m.event_id, []).append(m)
    for row in draft.review.to_dict("records"):
        shown = []
        for m in by_event.get(row["event_id"], []):
            marks = draft.highlights.get((m.article_id, m.start, m.end), [])
            before, after = _context(texts.get(m.article_id), int(m.start), int(m.end))
            shown.append(
                {
                    "article_id": m.article_id,
                    "start": m.start,
                    "end": m.end,
                    "segments": segments(m.evidence, list(marks)),
                    "before": before,
                    "after": after,
                }
            )
        first = [
            s for s in shown if (s["article_id"], s["start"]) == (row["article_id"], row["start"])
        ]
        shown = first + [
            s for s in shown if (s["article_id"], s["start"]) != (row["article_id"], row["start"])
        ]
        joined = joins.get(row["event_id"], ("", ""))
        events.append({**row, "shown": shown, "joins": joined[0], "joins_title": joined[1]})
    env = Environment(autoescape=True, keep_trailing_newline=True)
    articles = draft.mentions["article_id"].nunique()
    return env.from_string(TEMPLATE).render(events=events, articles=articles)


def curated_events(data_dir: Path | None) -> pd.DataFrame:
    """The curated events of ``data_dir`` as text columns (empty without a folder)."""
    path = table_path(data_dir, "events.csv") if data_dir else None
    return (
        read_table(path, dtype=str)
        if path and path.is_file()
        else pd.DataFrame(columns=["event_id", "title"])
    )


def write_review(
    draft: Draft, out_dir: Path, texts: dict[str, str] | None = None, curated: Path | None = None
) -> list[str]:
    """Write ``review.csv`` (with an empty ``decision`` column and the curated event each
    proposal ``joins``) and ``review.html`` into ``out_dir``; return the file names."""
    events = curated_events(curated)
    ids = curated_joins(draft.events, events) if len(events) else {}
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    review = draft.review.copy()
    review["confidence"] = review["confidence"].map(lambda v: f"{v:.2f}")
    review.insert(1, "decision", "")
    review["joins"] = [ids.get(e, "") for e in review["event_id"]]
    review.to_csv(out_dir / "review.csv", index=False, encoding="utf-8")
    joins = {k: (v, titles.get(v, "")) for k, v in ids.items()}
    (out_dir / "review.html").write_text(render_html(draft, texts, joins), encoding="utf-8")
    return ["review.csv", "review.html"]
