# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (mali-defence)
#     language: python
#     name: mali-defence
# ---

# %% [markdown]
# # 04 · Framing: how the press presents each partnership
#
# Is Mali's cooperation with each partner presented as counter-terrorism, as a matter of
# sovereignty, as training, equipment or industry, as regional solidarity, or as a break with
# international missions, and who says so? Every count below comes with the sentences behind it,
# and shares are given only where there are enough articles to give them honestly.

# %% tags=["parameters"]
data_dir = None  # data folder; None: the project's data/
figures_dir = None  # where figures are saved; None: build/figures/ (the runner passes figures/)
tables_dir = None  # where the tables behind the figures go; None: build/tables/
start = None  # period start, partial ISO date ("2020", "2022-06"); None: no bound
end = None  # period end, partial ISO date; None: no bound
partners = None  # ISO3 codes such as ["DZA", "RUS"]; None: every partner
lexicon_path = None  # frame codebook (YAML); None: lexicons/frames.yaml in data_dir
n_boot = 2000  # bootstrap draws (articles resampled with replacement)
seed = 20250217  # seed of the bootstrap
min_articles = 3  # fewer articles for a partner: counts only, no share
min_sentences = 30  # fewer sentences for a partner: counts only, no share
alpha0 = None  # log-odds prior strength; None: the pooled corpus counts themselves
top_n = 10  # distinctive terms shown per partner
kwic_max = 20  # hits shown per partner and frame (all in frame_sentences.csv); None: all
analysis = "auto"  # "full" (spaCy tags every sentence), "lookup" (dictionary lemmas outside statements) or "auto"

# %%
import pandas as pd

from helpers.analyses import evidence, framing, logodds, notebook, quotes
from helpers.analyses.display import count, show_findings, show_table
from helpers.figures import plotting

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 200)

# %% [markdown]
# ## Load the tables and the codebook
#
# The articles measured are those that report at least one event of the selection; a sentence
# belongs to the partners of the events its article reports (when an article reports several
# partners, a sentence naming some of them goes to those it names).

# %%
ctx = notebook.setup(
    data_dir=data_dir,
    figures_dir=figures_dir,
    tables_dir=tables_dir,
    start=start,
    end=end,
    partners=partners,
)
selected = ctx.selected
print(ctx.scope)
codebook = framing.load_codebook(lexicon_path, data_dir=ctx.data_dir)
print(
    f"Codebook: {len(codebook.frames)} frames, {sum(len(f.cues) for f in codebook.frames)} cues, "
    f"{sum(len(f.exclude) for f in codebook.frames)} exclusion rules."
)
show_table(framing.codebook_table(codebook), "t04-codebook-table")

# %% [markdown]
# ## Text preparation
#
# Article bodies only (scraper junk lines left out), Unicode NFC, apostrophes unified, sentences
# from spaCy's French tokenizer and sentence rules. Fragments of fewer than four words (bylines,
# signatures) are not counted as sentences.
#
# Lemmas and parts of speech come from spaCy's statistical French pipeline (the full analysis).
# On a large corpus, with `analysis = "auto"` above five million characters or with `"lookup"`,
# only the paragraphs that may hold a statement (a guillemet, *selon* or a speech verb the
# statement rules do not pass by, as *lancé* after no comma or *non précisée*) are tagged
# that way; the others keep the same tokens and sentences with simplemma's dictionary lemmas, and
# each lemma cue is matched in them as the dictionary lemmatises it. On the five seed articles
# both analyses find the same sentences, frame hits and statements.

# %%
corpus = framing.corpus(selected, analysis=analysis)
print(framing.analysis_note(corpus))
print(
    f"{count(len(corpus.article_ids), 'article')}, {count(len(corpus.sentences), 'sentence')}, "
    f"{count(len(corpus.tokens), 'token')}."
)
show_table(framing.partner_sizes(corpus), "t04-partner-sizes")

# %% [markdown]
# Before any number is computed, every example the codebook gives must carry its frame and every
# counter-example must not, under the analysis in use. A failure here means a cue is wrong, not
# the data.

# %%
checks = framing.check_examples(codebook, analysis=corpus.analysis)
failed = checks[~checks["ok"]]
print(
    f"{int(checks['ok'].sum())} of {len(checks)} codebook examples and counter-examples behave as documented "
    f"under the {corpus.analysis} analysis."
)
show_table(failed, "t04-failed")

# %% [markdown]
# ## Frames per sentence and per partnership
#
# A sentence carries a frame when one of the frame's cues matches in it and no exclusion rule of
# the frame overlaps the match. `frame_sentences.csv` lists every hit with its cue and offsets
# (`text[cue_start:cue_end]` is the matched text, `text[sentence_start:sentence_end]` the sentence).

# %%
hits = framing.match_frames(corpus, codebook)
hits.drop(columns="sid").to_csv(ctx.tables_dir / "frame_sentences.csv", index=False)
shares = framing.frame_shares(
    corpus,
    hits,
    codebook.ids,
    n_boot=n_boot,
    seed=seed,
    min_articles=min_articles,
    min_sentences=min_sentences,
)
shares.to_csv(ctx.tables_dir / "frames_by_partner.csv", index=False)
print(f"{len(hits)} cue hits in {hits['sid'].nunique()} sentences.")
show_table(framing.counts_table(shares, codebook.labels), "t04-counts-table")

# %% [markdown]
# Shares of sentences (with a 95% percentile bootstrap interval that resamples whole articles,
# because the sentences of one article are not independent) are given only for partners with at
# least `min_articles` articles and `min_sentences` sentences. Below that, the table keeps the raw
# counts, and the sentences themselves are listed further down.

# %%
short = framing.insufficient_partners(shares)
if shares.empty:
    print("No sentence in the selection.")
elif len(short) == shares["partner"].nunique():
    print(
        f"Every partner has fewer than {min_articles} articles or {min_sentences} sentences: "
        "no share is computed, only counts and sentences."
    )
elif len(short):
    print(
        "Counts only for: "
        + ", ".join(f"{r.partner_name} ({r.partner})" for r in short.itertuples())
        + "."
    )
else:
    print("Every partner has enough articles and sentences for shares.")
show_table(short, "t04-short")

# %%
fig = framing.plot_frames_heatmap(
    shares, codebook, selected, min_articles=min_articles, min_sentences=min_sentences
)
plotting.save_and_show(fig, "04_frames_heatmap", ctx.figures_dir)

# %% [markdown]
# ## Every hit in context
#
# For each partner and frame: the counts, then the matching sentences as keyword in context
# (article, `[cue_start:cue_end]` offsets in the verbatim text, the cue between ⟦ ⟧), at most
# `kwic_max` of them; `frame_sentences.csv` keeps every hit.

# %%
for line in framing.kwic_report(shares, hits, codebook, max_per_frame=kwic_max):
    print(line)

# %% [markdown]
# ## Distinctive vocabulary
#
# Each partner's lemmas (nouns, adjectives, verbs, adverbs) against those of all other partners
# pooled, by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
# and Quinn 2008). `articles` counts the partner's articles using the lemma: a high z from one
# article is one article's wording, not a pattern.

# %%
terms = logodds.distinctive_terms(corpus, alpha0=alpha0)
terms.to_csv(ctx.tables_dir / "distinctive_terms.csv", index=False)
top = logodds.top_terms(terms, n=top_n)
if terms.empty:
    print("Fewer than two partners have text in the selection: there is nothing to compare.")
show_table(top, "t04-top")

# %%
fig = logodds.plot_distinctive_terms(top, selected, n=top_n)
plotting.save_and_show(fig, "04_distinctive_terms", ctx.figures_dir)

# %% [markdown]
# ## Who speaks
#
# Direct quotes (« … ») and reported statements (*a souligné que*, *selon*, *a-t-il relevé*),
# their speaker as written, the actor it resolves to, and the side: `MLI`, the partner's code,
# `other`, or `unknown` when the speaker is not a known actor (add an alias to `actors.csv` to
# resolve it).

# %%
said = quotes.extract_quotes(corpus, selected.actors, hits)
said.to_csv(ctx.tables_dir / "quotes.csv", index=False)
resolved = int((said["actor_id"] != "").sum())
print(f"{len(said)} statements, {resolved} attributed to a known actor.")
show_table(
    evidence.with_article_labels(
        said[["article_id", "kind", "cue", "speaker_text", "actor_id", "side", "frames", "quote"]],
        selected,
    ),
    "t04-quotes",
)

# %% [markdown]
# Frames by side: how many statements of each side carry each frame.

# %%
by_side = quotes.frames_by_side(said, codebook.ids)
by_side.to_csv(ctx.tables_dir / "frames_by_side.csv", index=False)
show_table(by_side, "t04-by-side")

# %%
show_findings(framing.findings(corpus, shares, hits, said, terms, codebook))
