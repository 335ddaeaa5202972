"""Types for command-line options, so that a bad number is an argparse error, not a traceback."""

from __future__ import annotations

import argparse


def _number(kind: type, lowest: float, text: str, what: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not {'a whole number' if kind is int else 'a number'}"
        ) from None
    if value != value or value < lowest:  # NaN too
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return value


def positive_int(text: str) -> int:
    """An ``int`` of at least 1."""
    return _number(int, 1, text, "a whole number of at least 1")


def natural_int(text: str) -> int:
    """An ``int`` of at least 0."""
    return _number(int, 0, text, "a whole number of at least 0")


def positive_float(text: str) -> float:
    """A number greater than 0 (``inf`` allowed)."""
    value = _number(float, 0, text, "a number greater than 0")
    if value == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number greater than 0")
    return value


def natural_float(text: str) -> float:
    """A number of at least 0."""
    return _number(float, 0, text, "a number of at least 0")
