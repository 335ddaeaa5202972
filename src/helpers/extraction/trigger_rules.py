"""Trigger rules kept as data, and the spaCy component that finds them in a ``Doc``.

``patterns/triggers.jsonl`` holds one rule a line, a JSON object with:

- ``name``: the rule's name (unique), shown in the review sheet's evidence;
- ``event_type``: one of the data contract's event types; or, for an anaphor (a noun after a
  demonstrative, ``cette rencontre``, that refers back to an event already told), ``refers_to``:
  the types of the events it may refer to, most likely first;
- ``patterns``: a list of spaCy ``Matcher`` token patterns. a ``LEMMA`` or ``LOWER`` word also
  matches without its accents and with either apostrophe (``réunion`` matches ``reunion``,
  ``d'`` matches ``d’``), and a value ``"@agreement"`` for ``IN``/``NOT_IN`` stands for a word
  set of :data:`helpers.extraction.lexicon.WORD_SETS`;
- optional conditions: ``needs`` (the name of a word set, e.g. ``agreement``, ``institution``,
  ``equipment``: such a word near the trigger; ``joint``: a joint body in the sentence;
  ``date_after``: a date right after it), ``verb`` (the first word must be a verb or a participle), ``not_after`` / ``not_before``
  (folded words that must not come just before / after the match), ``after`` (what must come
  just before it), ``keep`` (the token slice ``[i, j]`` of the match that is the trigger).

The component ``mali_triggers`` (:func:`trigger_pipeline` adds it to the French pipeline) sets
``doc._.triggers``: every match, a ``Span`` labelled with its rule's name; the rules' conditions
are read by :func:`helpers.extraction.triggers.find_triggers`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from helpers.data.errors import DataError, Problem
from helpers.data.events import EVENT_TYPES
from helpers.extraction.lexicon import WORD_SETS
from helpers.text.nlp import MODEL, load_model
from helpers.text.normalize import fold

COMPONENT = "mali_triggers"
PATTERNS = files("helpers.extraction") / "patterns" / "triggers.jsonl"
NEEDS = ("", "joint", "date_after", *WORD_SETS)
assert not {"joint", "date_after"} & set(WORD_SETS), (
    "a word set may not take the name of a condition"
)
_KEYS = {
    "name",
    "event_type",
    "patterns",
    "needs",
    "verb",
    "not_after",
    "not_before",
    "after",
    "keep",
    "refers_to",
}
_VARIED = ("LEMMA", "LOWER")


@dataclass(frozen=True)
class Rule:
    """A trigger rule of the pattern file (see the module docstring for the fields)."""

    name: str
    event_type: str
    patterns: tuple
    needs: str = ""
    verb: bool = False
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    keep: tuple[int, int] | None = None
    refers_to: tuple[str, ...] = ()


def _variants(word: str, key: str) -> list[str]:
    """The forms a pattern word matches: as written, without accents, with either apostrophe,
    and for a lemma capitalised too (spaCy keeps the case of a word it tags as a proper noun)."""
    forms = {word.lower(), fold(word)}
    forms |= {f.replace("'", "\u2019") for f in forms}
    if key == "LEMMA":
        forms |= {f[:1].upper() + f[1:] for f in forms}
    return sorted(forms)


def _words(value, key: str, where: str) -> list[str]:
    """The words of an ``IN``/``NOT_IN`` list or a ``@set``, with their variants."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in WORD_SETS:
            raise ValueError(
                f"{where}: unknown word set {value!r} (expected one of {sorted(WORD_SETS)})"
            )
        value = [w for w in WORD_SETS[value[1:]] if " " not in w]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of words or a @set, got {value!r}")
    return sorted({f for v in value for f in _variants(v, key)})


def _value(value, key: str, where: str):
    """A ``LEMMA``/``LOWER`` value with the variants of its words."""
    if isinstance(value, str):
        return {"IN": _words([value], key, where)}
    if isinstance(value, dict):
        return {
            op: _words(v, key, where) if op in ("IN", "NOT_IN") else v for op, v in value.items()
        }
    raise ValueError(f"{where}: expected a string or a dict, got {value!r}")


def _token_pattern(spec: dict, where: str) -> dict:
    """One token of a pattern, its ``LEMMA``/``LOWER`` words with their variants."""
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: a token pattern is a JSON object, got {spec!r}")
    return {
        key: _value(value, key, where) if key in _VARIED else value for key, value in spec.items()
    }


def _rule(raw: dict, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a JSON object, got {raw!r}")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(
            f"{where}: unknown field(s) {sorted(unknown)} (expected some of {sorted(_KEYS)})"
        )
    refers_to = raw.get("refers_to", [])
    for key in ("name", "patterns") if refers_to else ("name", "event_type", "patterns"):
        if key not in raw:
            raise ValueError(f"{where}: missing field {key!r}")
    if refers_to:
        if raw.get("event_type", "") or not isinstance(refers_to, list):
            raise ValueError(
                f"{where}: an anaphor has refers_to (a list of event types) and no event_type"
            )
        if not set(refers_to) <= set(EVENT_TYPES):
            raise ValueError(
                f"{where}: refers_to {refers_to!r} names types not among {list(EVENT_TYPES)}"
            )
    elif raw["event_type"] not in EVENT_TYPES:
        raise ValueError(
            f"{where}: event_type {raw['event_type']!r} is not one of {list(EVENT_TYPES)}"
        )
    if raw.get("needs", "") not in NEEDS:
        raise ValueError(f"{where}: needs {raw['needs']!r} is not one of {list(NEEDS)}")
    if (
        not isinstance(raw["patterns"], list)
        or not raw["patterns"]
        or not all(isinstance(p, list) and p for p in raw["patterns"])
    ):
        raise ValueError(f"{where}: patterns must be a non-empty list of non-empty token lists")
    keep = raw.get("keep")
    if keep is not None and not (
        isinstance(keep, list) and len(keep) == 2 and all(isinstance(k, int) for k in keep)
    ):
        raise ValueError(f"{where}: keep must be a token slice [i, j], got {keep!r}")
    patterns = tuple([_token_pattern(t, where) for t in p] for p in raw["patterns"])
    return Rule(
        raw["name"],
        raw.get("event_type", ""),
        patterns,
        raw.get("needs", ""),
        bool(raw.get("verb", False)),
        tuple(fold(w) for w in raw.get("not_after", ())),
        tuple(fold(w) for w in raw.get("not_before", ())),
        tuple(fold(w) for w in raw.get("after", ())),
        tuple(keep) if keep else None,
        tuple(refers_to),
    )


def read_rules(path: Path | str | None = None) -> tuple[Rule, ...]:
    """The rules of a pattern file (the shipped one by default), each checked; a bad line
    raises :class:`DataError` naming the file, the line, the field and what was expected."""
    source = Path(str(path)) if path is not None else PATTERNS
    text = source.read_text(encoding="utf-8")
    rules: list[Rule] = []
    problems: list[Problem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
            rule = _rule(
                raw, raw.get("name", f"line {n}") if isinstance(raw, dict) else f"line {n}"
            )
        except (json.JSONDecodeError, ValueError) as exc:
            problems.append(Problem(str(source), n, None, f"not a valid trigger rule: {exc}"))
            continue
        if any(r.name == rule.name for r in rules):
            problems.append(
                Problem(
                    str(source),
                    n,
                    "name",
                    f"rule name {rule.name!r} is used twice; expected unique names",
                )
            )
        rules.append(rule)
    if problems:
        raise DataError(problems)
    return tuple(rules)


class TriggerMatcher:
    """The pipeline component: matches every rule and stores the spans in ``doc._.triggers``."""

    def __init__(self, vocab, rules: Iterable[Rule]) -> None:
        from spacy.matcher import Matcher

        self.rules = {r.name: r for r in rules}
        self.matcher = Matcher(vocab, validate=True)
        for rule in self.rules.values():
            try:
                self.matcher.add(rule.name, list(rule.patterns))
            except ValueError as exc:
                raise DataError(
                    f"trigger rule {rule.name!r}: its patterns are not valid spaCy Matcher patterns: {exc}"
                ) from exc
        # The prefilter: the rules a document may match, from the words their patterns
        # require (:func:`anchors`); only their matchers run (tested equal to the full one).
        self.anchors = {name: anchors(r.patterns) for name, r in self.rules.items()}
        self.single = {}
        for name, rule in self.rules.items():
            self.single[name] = Matcher(vocab)
            self.single[name].add(name, list(rule.patterns))
        self.order = {name: i for i, name in enumerate(self.rules)}
        self.prefilter = True

    def possible(self, doc) -> list[str]:
        """The rules that may match ``doc``, in file order: those with a pattern each of whose
        required words (:func:`anchors`) ``doc`` holds, as a lemma or a lower-case form."""
        words = {"LEMMA": {t.lemma_ for t in doc}, "LOWER": {t.lower_ for t in doc}}
        return [
            name
            for name, patterns in self.anchors.items()
            if any(all(w & words[key] for key, w in needs) for needs in patterns)
        ]

    def matches(self, doc) -> list[tuple[str, int, int]]:
        """(rule, start, end) of every match of every rule in ``doc``."""
        if not self.prefilter:
            return [(doc.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)]
        return [(name, s, e) for name in self.possible(doc) for _, s, e in self.single[name](doc)]

    def __call__(self, doc):
        from spacy.tokens import Span
        from spacy.util import filter_spans

        by_rule: dict[str, list] = {}
        for name, start, end in self.matches(doc):
            keep = self.rules[name].keep
            if keep:
                start, end = start + keep[0], min(end, start + keep[1])
            by_rule.setdefault(name, []).append(Span(doc, start, end, label=name))
        # by position, the longer first, then in the file's order of the rules
        doc._.triggers = sorted(
            (s for spans in by_rule.values() for s in filter_spans(spans)),
            key=lambda s: (s.start, -len(s), self.order[s.label_]),
        )
        return doc


def anchors(patterns) -> tuple[tuple[tuple[str, frozenset[str]], ...], ...]:
    """For each pattern, the words it requires: for every token that must be there (no
    ``OP``, or ``+`` or ``{n,…}`` with n at least 1) and gives its ``LEMMA`` or ``LOWER`` as an
    ``IN`` list, (attribute, words). A document can match the pattern only if it holds a word of
    each."""
    out = []
    for pattern in patterns:
        needs = []
        for spec in pattern:
            op = str(spec.get("OP", "1"))
            if op in ("?", "*", "!") or op.startswith(("{0", "{,")):
                continue
            for key in ("LEMMA", "LOWER"):
                value = spec.get(key)
                if isinstance(value, dict) and isinstance(value.get("IN"), list):
                    needs.append((key, frozenset(value["IN"])))
        out.append(tuple(needs))
    return tuple(out)


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("triggers"):
        Doc.set_extension("triggers", default=())
    if not Language.has_factory(COMPONENT):
        Language.factory(
            COMPONENT,
            default_config={"path": ""},
            func=lambda nlp, name, path: TriggerMatcher(nlp.vocab, read_rules(path or None)),
        )


@cache
def trigger_pipeline(model: str = MODEL, exclude: tuple[str, ...] = ()):
    """The French pipeline (loaded once per process) with the trigger component last; asked
    for once per sentence, so it is set up once per process and then looked up."""
    _register()
    nlp = load_model(model, tuple(exclude))
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
    return nlp


def active_rules(model: str = MODEL) -> dict[str, Rule]:
    """The rules of the pipeline's trigger component, by name."""
    return trigger_pipeline(model).get_pipe(COMPONENT).rules


def sentence_matches(doc, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """``doc._.triggers`` within the characters ``[start, end)``: (rule, start, end) relative to ``start``."""
    end = len(doc.text) if end is None else end
    return [
        (s.label_, s.start_char - start, s.end_char - start)
        for s in doc._.triggers
        if start <= s.start_char and s.end_char <= end
    ]
