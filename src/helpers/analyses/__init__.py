"""The analyses behind the notebooks: overview (01), network (02), rhythm (03), framing,
quotes and log-odds (04), partner profile (05), and the set-up call every notebook opens with
(:mod:`.notebook`). :mod:`.speech` holds the speech verbs and the rule that framing's lookup
analysis and quotes share; framing imports nothing of quotes.

May import: :mod:`helpers.data`, :mod:`helpers.text`, :mod:`helpers.figures`; never the runner
or the extraction.
"""
