"""Article text: what counts as the body, and where junk left by web scraping sits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Lines that web scrapers leave in articles and that are not article text.
JUNK_LINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*The website encountered an unexpected error\b.*$", re.IGNORECASE),
    re.compile(
        r"^\s*(?:Please try again later|Page not found|404 Not Found|Access denied)\b.*$",
        re.IGNORECASE,
    ),
    re.compile(r"^\s*date \d{4}-\d{2}\b.*-\s*[a-z0-9.-]+\.[a-z]{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*<[^>]+>\s*$"),
)


@dataclass(frozen=True)
class Span:
    """A paragraph of article body: ``text[start:end]``."""

    start: int
    end: int
    text: str


def read_article(path: str | Path) -> str:
    """The verbatim text of an article file (UTF-8, newlines as stored)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def is_junk_line(line: str) -> bool:
    """True for a scraper's error line or page header, never part of the article."""
    return any(p.match(line) for p in JUNK_LINE_PATTERNS)


def body_spans(text: str) -> list[Span]:
    """Non-empty, non-junk lines of the article, with their offsets in the raw text.

    A line repeated verbatim (a title printed twice by the site) is kept once.
    """
    spans: list[Span] = []
    seen: set[str] = set()
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group(0)
        stripped = line.strip()
        if not stripped or is_junk_line(line) or stripped in seen:
            continue
        seen.add(stripped)
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        spans.append(Span(m.start() + lead, m.start() + trail, line[lead:trail]))
    return spans


def body_text(text: str) -> str:
    """The article body as one string (paragraphs joined by blank lines); offsets are lost."""
    return "\n\n".join(s.text for s in body_spans(text))
