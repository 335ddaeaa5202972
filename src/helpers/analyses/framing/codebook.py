"""The frame codebook: frames and their cues, read from YAML and validated at once.

A cue is a lemma phrase or a regular expression (see ``data/lexicons/frames.yaml``). A regular
expression is checked when the codebook is loaded: Python's syntax, then the part of it that runs
on RE2 with the same meaning (:mod:`helpers.text.search`); a pattern outside that part (a
lookaround, a backreference, a ``\\b`` in the middle, ...) is refused, naming the frame, the cue
and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from helpers.analyses.framing.corpus import lemma_of, lookup_lemma
from helpers.data.errors import DataError, Problem
from helpers.data.paths import display_path, project_root, resolve_dir
from helpers.text.nlp import french_pipeline, lookup_pipeline
from helpers.text.normalize import normalise, strip_accents
from helpers.text.search import Pattern, PatternError, compile_pattern

# The Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith 2014): code -> dimension.
POLICY_FRAMES = {
    1: "Economic",
    2: "Capacity and resources",
    3: "Morality",
    4: "Fairness and equality",
    5: "Legality, constitutionality and jurisprudence",
    6: "Policy prescription and evaluation",
    7: "Crime and punishment",
    8: "Security and defense",
    9: "Health and safety",
    10: "Quality of life",
    11: "Cultural identity",
    12: "Public opinion",
    13: "Political",
    14: "External regulation and reputation",
    15: "Other",
}

TOP_KEYS = {"version", "description", "frames"}
FRAME_KEYS = {
    "label",
    "definition",
    "policy_frame",
    "cues",
    "exclude",
    "examples",
    "non_examples",
    "notes",
}
CUE_KEYS = {"lemma", "regex", "fold", "note"}
POLICY_KEYS = {"code", "name"}
FRAME_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Cue:
    """One cue: a lemma phrase or a regular expression, optionally accent-folded."""

    kind: str  # "lemma" or "regex"
    pattern: str
    fold: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.pattern}" + (" (folded)" if self.fold else "")


@dataclass(frozen=True)
class Frame:
    """One frame of the codebook."""

    id: str
    label: str
    definition: str
    policy_code: int
    policy_name: str
    cues: tuple[Cue, ...]
    exclude: tuple[Cue, ...] = ()
    examples: tuple[str, ...] = ()
    non_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook (see ``data/lexicons/frames.yaml``)."""

    path: str
    description: str
    frames: tuple[Frame, ...]

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.frames]

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.frames}


def default_lexicon(data_dir: str | Path | None = None) -> Path:
    """The codebook of a data folder (``<data_dir>/lexicons/frames.yaml``), or the project's
    when the folder has none (a draft or another corpus)."""
    own = resolve_dir(data_dir, "data") / "lexicons" / "frames.yaml"
    return own if own.is_file() else project_root() / "data" / "lexicons" / "frames.yaml"


def load_codebook(path: str | Path | None = None, data_dir: str | Path | None = None) -> Codebook:
    """Read and validate a YAML codebook; every problem (unknown key, missing definition,
    invalid regex, ...) is reported at once in a :class:`~helpers.data.errors.DataError`."""
    path = Path(path) if path else default_lexicon(data_dir)
    shown = display_path(path)
    if not path.is_file():
        raise DataError([Problem(shown, None, None, "codebook file not found")])
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown, None, None, f"not valid YAML: {exc}")]) from None
    problems: list[Problem] = []
    frames = _parse_codebook(doc, shown, problems)
    if problems:
        raise DataError(problems)
    return Codebook(shown, str(doc.get("description", "")).strip(), tuple(frames))


def _parse_codebook(doc: object, shown: str, problems: list[Problem]) -> list[Frame]:
    def bad(key: str | None, message: str) -> None:
        problems.append(Problem(shown, None, key, message))

    if not isinstance(doc, dict):
        bad(None, "expected a mapping with a 'frames' key at the top")
        return []
    for k in sorted(set(doc) - TOP_KEYS):
        bad(str(k), f"unknown key; expected one of {sorted(TOP_KEYS)}")
    raw_frames = doc.get("frames")
    if not isinstance(raw_frames, dict) or not raw_frames:
        bad("frames", "expected a mapping of frame id -> frame")
        return []
    frames = []
    for fid, spec in raw_frames.items():
        where = f"frames.{fid}"
        if not isinstance(fid, str) or not FRAME_ID.match(fid):
            bad(where, "frame id must be lower-case snake_case")
        if not isinstance(spec, dict):
            bad(where, "expected a mapping with label, definition, policy_frame, cues")
            continue
        for k in sorted(set(spec) - FRAME_KEYS, key=str):
            bad(
                f"{where}.{k}",
                f"unknown key in frame {fid!r}; expected one of {sorted(FRAME_KEYS)}",
            )
        for k in ("label", "definition"):
            if not isinstance(spec.get(k), str) or not spec.get(k, "").strip():
                bad(f"{where}.{k}", f"frame {fid!r} has no {k} (a non-empty text)")
        code, name = _policy_frame(spec.get("policy_frame"), f"{where}.policy_frame", fid, bad)
        cues = _cues(spec.get("cues"), f"{where}.cues", fid, bad, required=True)
        exclude = _cues(spec.get("exclude") or [], f"{where}.exclude", fid, bad, required=False)
        examples = _texts(spec.get("examples") or [], f"{where}.examples", fid, bad)
        non_examples = _texts(spec.get("non_examples") or [], f"{where}.non_examples", fid, bad)
        frames.append(
            Frame(
                str(fid),
                str(spec.get("label", "")).strip(),
                " ".join(str(spec.get("definition", "")).split()),
                code,
                name,
                cues,
                exclude,
                examples,
                non_examples,
            )
        )
    return frames


def _policy_frame(value: object, where: str, fid: str, bad) -> tuple[int, str]:
    if not isinstance(value, dict):
        bad(
            where,
            f"frame {fid!r} needs policy_frame: {{code, name}} from the Policy Frames Codebook",
        )
        return 0, ""
    for k in sorted(set(value) - POLICY_KEYS, key=str):
        bad(f"{where}.{k}", f"unknown key in frame {fid!r}; expected code and name")
    code, name = value.get("code"), value.get("name")
    if code not in POLICY_FRAMES:
        bad(f"{where}.code", f"frame {fid!r}: {code!r} is not a Policy Frames Codebook code (1-15)")
        return 0, ""
    if str(name).strip().lower() != POLICY_FRAMES[code].lower():
        bad(f"{where}.name", f"frame {fid!r}: code {code} is {POLICY_FRAMES[code]!r}, not {name!r}")
    return int(code), POLICY_FRAMES[code]


def _cues(value: object, where: str, fid: str, bad, required: bool) -> tuple[Cue, ...]:
    if not isinstance(value, list) or (required and not value):
        bad(where, f"frame {fid!r}: expected a{' non-empty' if required else ''} list of cues")
        return ()
    cues = []
    for i, c in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(c, dict):
            bad(at, f"frame {fid!r}: a cue is a mapping with 'lemma' or 'regex'")
            continue
        for k in sorted(set(c) - CUE_KEYS, key=str):
            bad(f"{at}.{k}", f"unknown key in frame {fid!r}; expected one of {sorted(CUE_KEYS)}")
        kinds = [k for k in ("lemma", "regex") if k in c]
        if len(kinds) != 1:
            bad(at, f"frame {fid!r}: a cue has exactly one of 'lemma' or 'regex'")
            continue
        kind = kinds[0]
        pattern = c[kind]
        if not isinstance(pattern, str) or not pattern.strip():
            bad(f"{at}.{kind}", f"frame {fid!r}: empty {kind}")
            continue
        if not isinstance(c.get("fold", False), bool):
            bad(f"{at}.fold", f"frame {fid!r}: fold is true or false")
            continue
        if kind == "regex":
            folded = bool(c.get("fold", False))
            try:
                re.compile(cue_regex(pattern, folded), re.IGNORECASE)
            except re.error as exc:
                bad(f"{at}.regex", f"frame {fid!r}: invalid regular expression {pattern!r} ({exc})")
                continue
            if re.compile(cue_regex(pattern, False), re.IGNORECASE).search("") is not None:
                bad(
                    f"{at}.regex",
                    f"frame {fid!r}: the regular expression {pattern!r} matches an empty text",
                )
                continue
            try:
                cue_pattern(pattern, folded)
            except PatternError as exc:
                bad(
                    f"{at}.regex",
                    f"frame {fid!r}: the regular expression {pattern!r} is refused: it {exc}",
                )
                continue
        cues.append(Cue(kind, pattern, bool(c.get("fold", False)), str(c.get("note", ""))))
    return tuple(cues)


def _texts(value: object, where: str, fid: str, bad) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad(where, f"frame {fid!r}: expected a list of sentences")
        return ()
    return tuple(value)


def _spaces_to_runs(pattern: str) -> str:
    """A literal space of a pattern (outside a character class) -> any run of whitespace."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class:
            out.append(r"\s+")
        else:
            out.append(ch)
    return "".join(out)


def cue_regex(pattern: str, folded: bool) -> str:
    """The regular expression a regex cue is searched as (case-insensitively): apostrophes and
    spaces normalised like the texts', accents removed when ``folded``, a space matching any run
    of whitespace."""
    text = normalise(pattern)[0]
    if folded:
        text = strip_accents(text)
    return _spaces_to_runs(text)


@cache
def cue_pattern(pattern: str, folded: bool) -> Pattern:
    """A regex cue ready to run on RE2 (:func:`helpers.text.search.compile_pattern`)."""
    return compile_pattern(cue_regex(pattern, folded))


@cache
def lemmatise(phrase: str, folded: bool, nlp=None) -> tuple[str, ...]:
    """The lemmas a lemma cue is matched as where the tokens were tagged by spaCy."""
    nlp = nlp or french_pipeline()
    lemmas = tuple(lemma_of(t.text, t.lemma_) for t in nlp(normalise(phrase)[0]) if not t.is_space)
    return tuple(strip_accents(x) for x in lemmas) if folded else lemmas


@cache
def lookup_lemmatise(phrase: str, folded: bool) -> tuple[str, ...]:
    """The lemmas a lemma cue is matched as where the tokens took dictionary lemmas."""
    lemmas = tuple(
        lookup_lemma(t.text) for t in lookup_pipeline()(normalise(phrase)[0]) if not t.is_space
    )
    return tuple(strip_accents(x) for x in lemmas) if folded else lemmas


def cue_table(codebook: Codebook, nlp=None) -> pd.DataFrame:
    """Every cue and exclusion of the codebook, with the lemmas a lemma cue is matched as."""
    rows = [
        {
            "frame": f.id,
            "role": role,
            "kind": c.kind,
            "pattern": c.pattern,
            "fold": c.fold,
            "matched_as": " ".join(lemmatise(c.pattern, c.fold, nlp))
            if c.kind == "lemma"
            else _spaces_to_runs(normalise(c.pattern)[0]),
        }
        for f in codebook.frames
        for role, cues in (("cue", f.cues), ("exclude", f.exclude))
        for c in cues
    ]
    return pd.DataFrame(rows, columns=["frame", "role", "kind", "pattern", "fold", "matched_as"])


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """One row per frame: label, Policy Frames Codebook dimension, number of cues, definition."""
    return pd.DataFrame(
        [
            {
                "frame": f.id,
                "label": f.label,
                "policy_frame": f"{f.policy_code} {f.policy_name}",
                "cues": len(f.cues),
                "exclusions": len(f.exclude),
                "definition": f.definition,
            }
            for f in codebook.frames
        ]
    )
