"""How the press frames each partnership: article sentences, a YAML frame codebook, frame shares.

One module per step, each importing only those above it:

- :mod:`.actors`: where each actor is named (one prefix-factored pattern for every alias).
- :mod:`.corpus`: the sentences and tokens of the article bodies, full or lookup analysis, and
  the partners each sentence belongs to.
- :mod:`.codebook`: the frames and cues of ``data/lexicons/frames.yaml``, read and validated.
- :mod:`.matching`: every cue hit in a sentence, exclusions applied; the codebook's examples.
- :mod:`.shares`: frame shares per partner with article-bootstrap intervals.
- :mod:`.kwic`: hits in context and the report built on them.
- :mod:`.figure`: the partners x frames heatmap.
- :mod:`.findings`: plain-language findings and partner sizes.

The names used by the notebooks and tests are importable from the package itself
(``from helpers.analyses import framing; framing.corpus(...)``).
"""

from helpers.analyses.framing.actors import actor_mentions, alternation_pattern, trie_pattern
from helpers.analyses.framing.codebook import (
    POLICY_FRAMES,
    Codebook,
    Cue,
    Frame,
    codebook_table,
    cue_table,
    default_lexicon,
    load_codebook,
)
from helpers.analyses.framing.corpus import (
    ANALYSES,
    AUTO_FULL_UP_TO,
    MIN_WORDS,
    Corpus,
    analysis_note,
    article_partners,
    build_corpus,
    corpus,
    is_known,
    lemma_of,
    lookup_lemma,
    resolve_analysis,
)
from helpers.analyses.framing.figure import plot_frames_heatmap
from helpers.analyses.framing.findings import findings, partner_sizes
from helpers.analyses.framing.kwic import kwic, kwic_report
from helpers.analyses.framing.matching import (
    HIT_COLUMNS,
    check_examples,
    frames_of_texts,
    match_frames,
)
from helpers.analyses.framing.shares import (
    LEVEL,
    MIN_ARTICLES,
    MIN_SENTENCES,
    N_BOOT,
    SEED,
    SHARE_COLUMNS,
    bootstrap_shares,
    counts_table,
    frame_shares,
    insufficient_partners,
    partner_rng,
)
from helpers.text.normalize import ArticleText

__all__ = [
    "ANALYSES",
    "AUTO_FULL_UP_TO",
    "HIT_COLUMNS",
    "LEVEL",
    "MIN_ARTICLES",
    "MIN_SENTENCES",
    "MIN_WORDS",
    "N_BOOT",
    "POLICY_FRAMES",
    "SEED",
    "SHARE_COLUMNS",
    "ArticleText",
    "Codebook",
    "Corpus",
    "Cue",
    "Frame",
    "actor_mentions",
    "alternation_pattern",
    "analysis_note",
    "article_partners",
    "bootstrap_shares",
    "build_corpus",
    "check_examples",
    "codebook_table",
    "corpus",
    "counts_table",
    "cue_table",
    "default_lexicon",
    "findings",
    "frame_shares",
    "frames_of_texts",
    "insufficient_partners",
    "is_known",
    "kwic",
    "kwic_report",
    "lemma_of",
    "load_codebook",
    "lookup_lemma",
    "match_frames",
    "partner_rng",
    "partner_sizes",
    "plot_frames_heatmap",
    "resolve_analysis",
    "trie_pattern",
]
