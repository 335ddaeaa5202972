"""Rule-based extraction of draft event tables from French press articles.

One module per concern: :mod:`.lexicon` (the
French word lists, kept as data), :mod:`.countries`, :mod:`.dates`, :mod:`.actors`,
:mod:`.triggers` (rules read by :mod:`.trigger_rules` from ``patterns/``), :mod:`.article` (one article, pure), :mod:`.merge` (across articles),
:mod:`.corpus` (reading a corpus folder) and :mod:`.review` (the review sheet).
The command line front is :mod:`.cli`; :mod:`.evaluate` scores drafts against curated tables.
Folding lives in :mod:`helpers.text.normalize`, the spaCy loader in :mod:`helpers.text.nlp`.

May import: :mod:`helpers.data` and :mod:`helpers.text`.
"""
