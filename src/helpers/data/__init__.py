"""The data contract: reading, validating and loading the curated tables.

Holds the project's constants and folders (:mod:`.paths`), errors (:mod:`.errors`), the table
reader (:mod:`.tables`), partial dates (:mod:`.dates`), states and organisations
(:mod:`.countries`), fingerprints of a data folder (:mod:`.fingerprint`), the validator
(:mod:`.validate`) and the event loader with its filters (:mod:`.events`).

May import: :mod:`helpers.text` only (and third-party libraries).
"""
