"""Figures: one deterministic save function, partner colours, source lines and captions.

May import: :mod:`helpers.data` and :mod:`helpers.text`.
"""
