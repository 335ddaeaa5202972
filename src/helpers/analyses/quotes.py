"""Who speaks: quotes and reported statements, their speakers, and the side each speaker is on.

Two kinds of statement are found in the article bodies of a :class:`~helpers.analyses.framing.Corpus`:

- ``direct``: text between « and » (or “ and ”) of at least three words. Its speaker is named
  right after it (``», a justifié le colonel Camara``, ``», a-t-il relevé``), or before it by a
  speech verb (``X explique ainsi ... : «``), or, failing both, is the last person or
  institution named before it in the same sentence (``Pour le Général Sadio CAMARA « ... »``).
- ``reported``: a speech verb outside quotation marks: ``X a souligné que ...``, ``X a souligné
  la volonté ...``, ``..., a précisé X``, ``Mais, poursuit X, ...``, ``Selon X, ...``.

Speech verbs are recognised by their spaCy lemma, so every tense counts; an infinitive never
does (``Il faut dire que`` is the journalist's). A speaker written as a pronoun (``a-t-il``,
``Il ajoutera``) is the last person named before it in the article. Names are resolved against
``actors`` (name and aliases, case and accents ignored); the side is ``MLI`` for a Malian actor,
the partner's code for an actor of a partner of the sentence, ``other`` for another country,
and ``unknown`` when no actor (or no country) is found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.analyses.framing import Corpus, actor_mentions
from helpers.analyses.quote_tables import (
    quote_frames,
    quote_partners,
    quote_sides,
    readable_tokens,
)
from helpers.analyses.speech import (
    INCISE_VERBS,
    PRONOUNS,
    SKIP_BACK,
    THAT_VERBS,
    VERBS,
    skipped_back,
)
from helpers.data.tables import rows

NOT_A_SOURCE = frozenset(
    {"lequel", "laquelle", "lesquels", "lesquelles", "moi", "nous", "lui", "eux", "vous", "toi"}
)
SKIP_AFTER_VERB = frozenset(
    {"ainsi", "également", "aussi", "encore", "alors", "notamment", "enfin", "par", "ailleurs"}
)
QUOTE_MARKS = re.compile(r"«([^«»\n]*)»|“([^“”\n]*)”")
MIN_QUOTE_WORDS = 3
BOUNDARY_MARKS = frozenset(',.;:!?«»()[]“”…<>"')

QUOTE_COLUMNS = [
    "article_id",
    "start",
    "end",
    "quote",
    "kind",
    "cue",
    "speaker_text",
    "actor_id",
    "actor_name",
    "side",
    "resolution",
    "partners",
    "frames",
]


def guillemet_spans(corpus: Corpus) -> pd.DataFrame:
    """Text between « » or “ ” (one paragraph at most) inside the article bodies:
    ``article_id, open, close`` (the marks) and ``start, end`` (the words between them)."""
    rows = []
    for aid, at in corpus.texts.items():
        for m in QUOTE_MARKS.finditer(at.norm):
            g = 1 if m.group(1) is not None else 2
            inner = m.group(g)
            lead = len(inner) - len(inner.lstrip())
            b, e = m.start(g) + lead, m.start(g) + len(inner.rstrip())
            if len(inner.split()) >= MIN_QUOTE_WORDS:
                o, c, b, e = at.raw_offsets([m.start(), m.end(), b, e])
                rows.append((aid, int(o), int(c), int(b), int(e)))
    out = pd.DataFrame(rows, columns=["article_id", "open", "close", "start", "end"])
    if out.empty:
        return out
    s = corpus.sentences[["article_id", "start", "end"]].rename(
        columns={"start": "s_start", "end": "s_end"}
    )
    pair = out.reset_index().merge(s, on="article_id")
    body = pair[(pair["s_start"] < pair["end"]) & (pair["start"] < pair["s_end"])]
    return out.loc[sorted(body["index"].unique())].reset_index(drop=True)


class _Article:
    """One article's sentences, tokens (by sentence) and actor mentions ``(start, end, actor_id,
    kind)``, for the attribution rules."""

    def __init__(
        self,
        aid: str,
        raw: str,
        sentences: tuple[np.ndarray, np.ndarray, np.ndarray],
        tokens: dict[int, list],
        mentions: list[tuple],
    ):
        self.aid = aid
        self.raw = raw
        self.sids, self.s_start, self.s_end = sentences  # sorted by start
        self.tokens = tokens
        self.mentions = sorted(mentions)
        self.used: set[int] = set()

    def sentence_at(self, pos: int) -> int | None:
        i = int(np.searchsorted(self.s_start, pos, side="right")) - 1
        return int(self.sids[i]) if i >= 0 and pos < self.s_end[i] else None

    def previous_sentence(self, sid: int) -> int | None:
        i = int(np.flatnonzero(self.sids == sid)[0])
        return int(self.sids[i - 1]) if i > 0 else None

    def named(
        self, start: int, end: int, kinds: Sequence[str] = ("person", "institution", "country")
    ) -> list[tuple]:
        return [m for m in self.mentions if m[0] >= start and m[1] <= end and m[3] in kinds]

    def last_person_before(self, pos: int) -> list[tuple]:
        return [m for m in self.mentions if m[1] <= pos and m[3] == "person"][-1:]


def _is_verb(t) -> bool:
    return t.lemma in VERBS and t.pos in ("VERB", "AUX") and "Inf" not in t.verb_form


def _clitic(t) -> bool:
    """``-il`` of ``a-t-il``, ``poursuit-il``."""
    return t.lemma in PRONOUNS and t.text.startswith("-")


def _is_punct(t) -> bool:
    return t.pos in ("PUNCT", "SYM") or not any(c.isalnum() for c in t.text)


def _is_boundary(t) -> bool:
    """A mark that ends a noun phrase (not a hyphen, apostrophe or slash inside a name)."""
    return bool(t.text) and all(c in BOUNDARY_MARKS for c in t.text)


def _words(tokens) -> int:
    return sum(1 for t in tokens if any(c.isalpha() for c in t.text))


def _strip_punct(tokens: list) -> list:
    while tokens and _is_punct(tokens[-1]):
        tokens = tokens[:-1]
    while tokens and _is_punct(tokens[0]):
        tokens = tokens[1:]
    return tokens


def _np_after(tokens: list, i: int) -> tuple[list, int]:
    """Tokens after index ``i`` up to the next punctuation mark, and that mark's index."""
    j = i + 1
    while j < len(tokens) and not _is_boundary(tokens[j]):
        j += 1
    return tokens[i + 1 : j], j


def _segment(art: _Article, prefix: list) -> list:
    """The subject of a speech verb among the comma-separated pieces before it: the last piece
    naming an actor, else the last piece opening like a noun phrase."""
    while prefix and (
        prefix[-1].lemma in SKIP_BACK or _clitic(prefix[-1]) or _is_punct(prefix[-1])
    ):
        prefix = prefix[:-1]
    pieces, cur = [], []
    for t in prefix:
        if t.text == ",":
            pieces.append(cur)
            cur = []
        else:
            cur.append(t)
    pieces.append(cur)
    pieces = [_strip_punct(p) for p in pieces if _strip_punct(p)]
    if not pieces:
        return []
    for p in reversed(pieces):
        if len(art.named(p[0].start, p[-1].end)):
            return p
    for p in reversed(pieces):
        if p[0].pos in ("DET", "PROPN", "PRON", "NOUN"):
            return p
    return pieces[-1]


def _attribution_after(toks: list) -> dict | None:
    """``», a justifié le colonel Camara`` / ``», a-t-il relevé``: the verb and speaker after a quote."""
    i, pronoun, first = 0, None, None
    while (
        i < len(toks)
        and i < 6
        and (_is_punct(toks[i]) or toks[i].lemma in SKIP_BACK or toks[i].lemma in PRONOUNS)
    ):
        if toks[i].lemma in PRONOUNS:
            pronoun = toks[i]
        if first is None and not _is_punct(toks[i]):
            first = toks[i]
        i += 1
    if i >= len(toks) or not _is_verb(toks[i]):
        return None
    verb = toks[i]
    if i + 1 < len(toks) and toks[i + 1].lemma in PRONOUNS:  # poursuit-il
        pronoun = toks[i + 1]
    speaker, _ = _np_after(toks, i)
    if pronoun is not None:
        speaker = [pronoun]
    return {"verb": verb, "cue_start": (first or verb).start, "speaker": speaker}


def _attribution_before(art: _Article, toks: list) -> dict | None:
    """``X explique ainsi ... : «``: the last speech verb before a quote and its subject."""
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if _is_verb(t) and t.lemma not in INCISE_VERBS:
            aux = i
            while aux > 0 and toks[aux - 1].lemma in SKIP_BACK:
                aux -= 1
            if "Part" in t.verb_form and not any(x.lemma in ("avoir", "être") for x in toks[aux:i]):
                continue
            subject = _segment(art, toks[:aux])
            return {"verb": t, "cue_start": toks[aux].start, "speaker": subject}
    return None


def _direct(art: _Article, q) -> dict:
    sid_close = art.sentence_at(q.close - 1) or art.sentence_at(q.end - 1)
    after = (
        [t for t in art.tokens.get(sid_close, []) if t.start >= q.close]
        if sid_close is not None
        else []
    )
    found = _attribution_after(after)
    region_start = None
    if found is None:
        sid_open = art.sentence_at(q.open)
        if sid_open is None:
            sid_open = art.sentence_at(q.start)
        before = (
            [t for t in art.tokens.get(sid_open, []) if t.end <= q.open]
            if sid_open is not None
            else []
        )
        if not before and sid_open is not None:
            prev = art.previous_sentence(sid_open)
            prev_toks = art.tokens.get(prev, []) if prev is not None else []
            if prev_toks and prev_toks[-1].text in (":", ","):
                before = prev_toks
        found = _attribution_before(art, before)
        region_start = before[0].start if before else None
        if found is None and before:
            near = art.named(region_start, q.open, ("person", "institution"))[-1:]
            if near:
                b, e = near[0][:2]
                return {
                    "kind": "direct",
                    "start": q.start,
                    "end": q.end,
                    "cue": "",
                    "speaker": (b, e),
                    "pronoun": False,
                    "resolution": "nearest name",
                }
    if found is None:
        return {
            "kind": "direct",
            "start": q.start,
            "end": q.end,
            "cue": "",
            "speaker": None,
            "pronoun": False,
            "resolution": "none",
        }
    art.used.add(found["verb"].start)
    return _record(art, "direct", q.start, q.end, found)


def _record(art: _Article, kind: str, start: int, end: int, found: dict) -> dict:
    sp = found["speaker"]
    pronoun = len(sp) == 1 and sp[0].lemma in PRONOUNS
    return {
        "kind": kind,
        "start": int(start),
        "end": int(end),
        "cue": art.raw[found["cue_start"] : found["verb"].end]
        if found.get("verb") is not None
        else found.get("cue", ""),
        "speaker": (sp[0].start, sp[-1].end) if sp else None,
        "pronoun": pronoun,
        "resolution": "",
    }


def _reported(art: _Article, sid: int, quoted: list[tuple[int, int]]) -> dict | None:
    """The first reported statement of a sentence (outside quotation marks), if any."""
    toks = art.tokens.get(sid, [])

    def in_quote(t) -> bool:
        return any(o <= t.start < c for o, c in quoted)

    has_quote = any(o >= toks[0].start and o < toks[-1].end for o, _ in quoted) if toks else False
    for i, t in enumerate(toks):
        if in_quote(t) or t.start in art.used:
            continue
        if t.text.lower() == "selon":
            found = _selon(art, toks, i, has_quote)
        elif _is_verb(t):
            found = _speech_verb(art, toks, i)
        else:
            continue
        if found is None:
            continue
        if any(o < found["end"] and found["start"] < c for o, c in quoted):
            continue
        art.used.add(t.start)
        return found
    return None


def _span(tokens: list) -> tuple[int, int] | None:
    tokens = _strip_punct(tokens)
    return (
        (tokens[0].start, tokens[-1].end) if tokens and _words(tokens) >= MIN_QUOTE_WORDS else None
    )


def _selon(art: _Article, toks: list, i: int, has_quote: bool) -> dict | None:
    """``Selon X, ...`` (X may run on in apposition: ``Selon le chef ..., le Général Y, ...``)
    or ``..., selon X``."""
    if (
        i + 1 >= len(toks)
        or toks[i + 1].lemma in NOT_A_SOURCE
        or toks[i + 1].text.lower() in NOT_A_SOURCE
    ):
        return None
    first, j = _np_after(toks, i)
    if not first:
        return None
    leading = i == 0 or toks[i - 1].lemma in ("et", "mais", "or", "donc")
    if not leading:
        if has_quote:
            return None
        content = _span(toks[:i])
        speaker = first
    else:
        speaker = first
        if (
            j < len(toks)
            and toks[j].text == ","
            and not len(art.named(first[0].start, first[-1].end))
        ):
            second, k = _np_after(toks, j)
            if (
                second
                and len(art.named(second[0].start, second[-1].end, ("person",)))
                and k < len(toks)
                and toks[k].text == ","
            ):
                speaker, j = [*first, toks[j], *second], k
        if j >= len(toks) or toks[j].text != ",":
            return None
        content = _span(toks[j + 1 :])
    if content is None:
        return None
    return _record(
        art,
        "reported",
        *content,
        {"verb": None, "cue": toks[i].text, "speaker": speaker, "cue_start": toks[i].start},
    )


def _finite(t) -> bool:
    return t.pos in ("VERB", "AUX") and "Fin" in t.verb_form


def _speech_verb(art: _Article, toks: list, i: int) -> dict | None:
    """A speech verb outside quotation marks: ``X a souligné (que) ...`` (direct), ``..., a
    précisé X`` (after a statement: the text before the comma holds a finite verb), ``Mais,
    poursuit X, ...`` (incise)."""
    verb = toks[i]
    b = i
    while b > 0 and skipped_back(toks[b - 1].text, toks[b - 1].lemma):
        b -= 1
    between = toks[b:i]
    if "Part" in verb.verb_form and not any(t.lemma in ("avoir", "être") for t in between):
        return None  # a participle without auxiliary is an adjective ("reconnu pour son expertise")
    k = i + 1
    while k < len(toks) and (toks[k].lemma in SKIP_AFTER_VERB or _clitic(toks[k])):
        k += 1
    has_que = k < len(toks) and toks[k].lemma == "que"
    reflexive = any(t.lemma in ("se", "ne") for t in between)
    before = toks[: b - 1] if b > 0 and toks[b - 1].text == "," else None
    found = {"verb": verb, "cue_start": toks[b].start}
    if (
        before is not None
        and not has_que
        and not reflexive
        and (any(_finite(t) for t in before) or _words(before) <= 2)
    ):
        speaker, j = _np_after(toks, i)
        pron = [t for t in [*between, *toks[i + 1 : k]] if t.lemma in PRONOUNS]
        if pron:
            speaker = pron[:1]
        rest = toks[j + 1 :] if j < len(toks) and toks[j].text == "," else []
        content = _span(rest) if _words(before) <= 2 else _span(before)
        found["speaker"] = speaker
    else:
        if verb.lemma in INCISE_VERBS or (verb.lemma in THAT_VERBS and not has_que):
            return None
        rest = toks[k + 1 :] if has_que else toks[k:]
        if any(t.text == ":" for t in rest[-2:]):
            return None  # introduces a quotation: attributed with it
        content = _span(rest)
        found["speaker"] = _segment(art, toks[:b])
    if content is None or not found["speaker"]:
        return None
    return _record(art, "reported", *content, found)


def extract_quotes(
    corpus: Corpus, actors: pd.DataFrame, hits: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every direct quote and reported statement with its speaker, actor, side, partners and the
    frames whose cues fall inside it (from ``hits`` of :func:`helpers.analyses.framing.match_frames`)."""
    if corpus.sentences.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    mentions = actor_mentions(corpus.texts, actors)
    spans = guillemet_spans(corpus)
    names = actors.set_index("actor_id")["name"]
    s = corpus.sentences.sort_values(["article_id", "start"], kind="stable")
    s_cols = (s["sid"].to_numpy(), s["start"].to_numpy(), s["end"].to_numpy())
    sentences = {
        a: tuple(c[i] for c in s_cols)
        for a, i in s.groupby("article_id", sort=False).indices.items()
    }
    spans_by: dict[str, list] = {}
    for q in rows(spans):
        spans_by.setdefault(q.article_id, []).append(q)
    tokens: dict[str, dict[int, list]] = {}
    for t in rows(readable_tokens(corpus, spans)):
        tokens.setdefault(t.article_id, {}).setdefault(t.sid, []).append(t)
    named: dict[str, list[tuple]] = {}
    for m in rows(mentions):
        named.setdefault(m.article_id, []).append((int(m.start), int(m.end), m.actor_id, m.kind))
    records = []
    for aid in corpus.article_ids:
        art = _Article(
            aid, corpus.texts[aid].raw, sentences[aid], tokens.get(aid, {}), named.get(aid, [])
        )
        qs = spans_by.get(aid, [])
        found = [_direct(art, q) for q in qs]
        quoted = [(q.open, q.close) for q in qs]
        found += [
            r
            for sid in art.sids.tolist()
            if sid in art.tokens and (r := _reported(art, sid, quoted)) is not None
        ]
        records += [{"article_id": aid, **r, **_resolve(art, r, names)} for r in found]
    if not records:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    out = pd.DataFrame(records)
    out["quote"] = [
        corpus.texts[a].raw[s:e]
        for a, s, e in zip(out["article_id"], out["start"], out["end"], strict=True)
    ]
    out["partners"] = quote_partners(out, corpus.sentences)
    out["side"] = quote_sides(out, actors)
    out["frames"] = quote_frames(out, hits)
    return out.sort_values(["article_id", "start", "end"])[QUOTE_COLUMNS].reset_index(drop=True)


def _resolve(art: _Article, rec: dict, names: pd.Series) -> dict:
    """The speaker as written, and the actor(s) it names: persons first, then institutions,
    then countries; a pronoun is the last person named before it."""
    if rec["speaker"] is None:
        return {"speaker_text": "", "actor_id": "", "actor_name": "", "resolution": "none"}
    b, e = rec["speaker"]
    text = " ".join(art.raw[b:e].split()).lstrip("-")
    if rec["pronoun"]:
        found = art.last_person_before(b)
        how = "pronoun"
    else:
        found = []
        for kinds in (("person",), ("institution",), ("country",)):
            found = art.named(b, e, kinds)
            if found:
                break
        how = rec["resolution"] or "alias"
    ids = list(dict.fromkeys(m[2] for m in found))
    return {
        "speaker_text": text,
        "actor_id": ";".join(ids),
        "actor_name": "; ".join(names[i] for i in ids),
        "resolution": how if ids else "unresolved",
    }


def frames_by_side(quotes: pd.DataFrame, frames: Sequence[str]) -> pd.DataFrame:
    """Per partner and side: statements, and how many carry each frame (a statement of several
    sides or partners counts for each)."""
    cols = ["partner", "side", "statements", *frames]
    if quotes.empty:
        return pd.DataFrame(columns=cols)
    q = quotes.assign(partner=quotes["partners"].str.split(";"), side=quotes["side"].str.split(";"))
    q = q.explode("partner").explode("side")
    q = q[q["partner"] != ""]
    for f in frames:
        q[f] = q["frames"].str.split(";").map(lambda fs, f=f: f in fs).astype(int)
    out = (
        q.groupby(["partner", "side"])
        .agg(statements=("quote", "size"), **{f: (f, "sum") for f in frames})
        .reset_index()
    )
    return out[cols].sort_values(["partner", "side"]).reset_index(drop=True)
