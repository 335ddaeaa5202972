"""Figures: one deterministic save function, partner colours, source lines and captions, and
interactive views that open offline (:mod:`.interactive`).

May import: :mod:`helpers.data` and :mod:`helpers.text`.
"""
