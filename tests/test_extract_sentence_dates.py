"""What the way a sentence is told says of its date (sentences written for these tests)."""

from __future__ import annotations

import pytest

from helpers.extraction.article import sentences_of
from helpers.extraction.sentence_dates import told_in_present
from helpers.extraction.trigger_rules import trigger_pipeline
from helpers.extraction.triggers import Trigger


@pytest.mark.parametrize(
    ("text", "verb", "present"),
    [
        ("Le gouvernement condamne cette intrusion.", "condamne", True),
        ("Les deux parties condamnent les attaques.", "condamnent", True),
        ("Le gouvernement a condamné cette intrusion.", "a condamné", False),
        ("La démarche, condamnée par le gouvernement, a échoué.", "condamnée", False),
        ("Le gouvernement rejette ces déclarations.", "rejette", True),
    ],
)
def test_a_verb_told_in_the_present(text, verb, present):
    (sentence,) = sentences_of(text, trigger_pipeline())
    start = sentence.text.index(verb)
    trigger = Trigger(start, start + len(verb), "statement", "test", False, ())
    assert told_in_present(sentence, trigger) is present
