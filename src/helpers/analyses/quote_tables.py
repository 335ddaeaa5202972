"""The tables around quote finding: the token rows the rules read, as named tuples, and the
columns joined onto found quotes (the partners of their sentence, the speaker's side, the frames
whose cues fall inside)."""

from __future__ import annotations

import pandas as pd

from helpers.analyses.framing import Corpus
from helpers.analyses.speech import (
    VERBS,
)
from helpers.data.paths import HOME


def readable_tokens(corpus: Corpus, spans: pd.DataFrame) -> pd.DataFrame:
    """The tokens of the sentences the rules read: those with ``selon`` or a speech verb, those a
    quotation touches, and the sentence before each of these (the other sentences can hold no
    statement, so their tokens are not grouped)."""
    tok = corpus.tokens
    s = corpus.sentences.sort_values(["article_id", "start"], kind="stable")
    keep = set(tok.loc[opens_statement(tok), "sid"].tolist())
    if len(spans):
        pair = spans[["article_id", "open", "close"]].merge(
            s[["sid", "article_id", "start", "end"]], on="article_id"
        )
        keep.update(
            pair.loc[
                (pair["start"] <= pair["close"]) & (pair["open"] < pair["end"]), "sid"
            ].tolist()
        )
    before = s.groupby("article_id", sort=False)[
        "sid"
    ].shift()  # the previous sentence of the article
    keep.update(before[s["sid"].isin(keep)].dropna().astype(int).tolist())
    return tok[tok["sid"].isin(keep)]


def opens_statement(tokens: pd.DataFrame) -> pd.Series:
    """Whether each token is one that :func:`helpers.analyses.quotes._reported` acts on: ``selon`` or a speech verb
    (:func:`helpers.analyses.quotes._is_verb`, for a whole token table at once)."""
    verb = (
        tokens["lemma"].isin(VERBS)
        & tokens["pos"].isin(["VERB", "AUX"])
        & ~tokens["verb_form"].str.contains("Inf", regex=False)
    )
    return (tokens["text"].str.lower() == "selon") | verb


def overlaps(quotes: pd.DataFrame, other: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    q = quotes[["article_id", "start", "end"]].reset_index().rename(columns={"index": "q"})
    pair = q.merge(other, on="article_id", suffixes=("", "_o"))
    return pair[(pair[start] < pair["end"]) & (pair["start"] < pair[end])]


def quote_partners(quotes: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    s = sentences[["article_id", "start", "end", "partner_list"]].rename(
        columns={"start": "s_start", "end": "s_end"}
    )
    pair = (
        overlaps(quotes, s, "s_start", "s_end")
        .explode("partner_list")
        .dropna(subset=["partner_list"])
    )
    got = pair.groupby("q")["partner_list"].agg(lambda p: ";".join(sorted(set(p))))
    return pd.Series(quotes.index.map(lambda i: got.get(i, "")), index=quotes.index)


def quote_sides(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    country = actors.set_index("actor_id")["country"]

    def side(ids: str, partners: str) -> str:
        if not ids:
            return "unknown"
        out = set()
        for a in ids.split(";"):
            c = country.get(a, "")
            out.add(
                HOME
                if c == HOME
                else c
                if c and c in partners.split(";")
                else "other"
                if c
                else "unknown"
            )
        return ";".join(sorted(out))

    return pd.Series(
        [side(i, p) for i, p in zip(quotes["actor_id"], quotes["partners"], strict=True)],
        index=quotes.index,
    )


def quote_frames(quotes: pd.DataFrame, hits: pd.DataFrame | None) -> pd.Series:
    if hits is None or hits.empty:
        return pd.Series("", index=quotes.index)
    h = hits[["article_id", "frame", "cue_start", "cue_end"]]
    q = quotes[["article_id", "start", "end"]].reset_index().rename(columns={"index": "q"})
    pair = q.merge(h, on="article_id")
    pair = pair[(pair["cue_start"] >= pair["start"]) & (pair["cue_end"] <= pair["end"])]
    got = pair.groupby("q")["frame"].agg(lambda f: ";".join(sorted(set(f))))
    return pd.Series(quotes.index.map(lambda i: got.get(i, "")), index=quotes.index)
