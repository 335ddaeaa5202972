"""Mali defence-cooperation press analysis: load, validate, analyse and report."""

from helpers.data.errors import DataError, Problem

__all__ = ["DataError", "Problem"]
