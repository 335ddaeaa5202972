"""Rule-based extraction of draft event tables from French press articles.

One module per concern: :mod:`.normalize` (offset-preserving folding), :mod:`.lexicon` (the
French word lists, kept as data), :mod:`.countries`, :mod:`.dates`, :mod:`.actors`,
:mod:`.triggers`, :mod:`.article` (one article, pure), :mod:`.merge` (across articles),
:mod:`.corpus` (reading a corpus folder) and :mod:`.review` (the review sheet).
The command line front is :mod:`helpers.extract`.
"""
