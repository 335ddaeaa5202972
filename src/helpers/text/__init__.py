"""Text: the article body (:mod:`.articles`), one normalisation and folding (:mod:`.normalize`),
one spaCy loader (:mod:`.nlp`) and one multi-text search helper (:mod:`.search`, Python patterns
run on RE2; :mod:`.pyregex` reads their syntax).

May import: nothing else of ``helpers`` (only third-party libraries).
"""
