"""The set-up every notebook opens with, in one call: folders from the parameters, the validated
tables, the selection by period and partners, and what a figure's caption says about it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers.analyses.overview import scope_sentence
from helpers.data import events as ev
from helpers.data.paths import resolve_dir
from helpers.figures import plotting
from helpers.figures.captions import period_label, source_text

_FILTERS = ("start", "end", "partners")


@dataclass(frozen=True)
class NotebookContext:
    """What a notebook works on: its folders (absolute), every event of the data folder
    (``tables``) and those selected (``selected``), the filter the selection records
    (``filters``, with ``undated_left_out``), and the caption context of its figures: the period
    label (``period``) and the source line (``source``)."""

    data_dir: Path
    figures_dir: Path
    tables_dir: Path
    tables: ev.Tables
    selected: ev.Tables
    filters: dict
    period: str
    source: str

    @property
    def scope(self) -> str:
        """One sentence saying what the selection holds out of the whole table."""
        return scope_sentence(self.tables, self.selected)

    def select(self, **filters) -> NotebookContext:
        """The same folders and tables with another selection: ``start``, ``end`` or
        ``partners`` given here replace the current ones, the others are kept."""
        unknown = sorted(set(filters) - set(_FILTERS))
        if unknown:
            raise TypeError(f"select() takes start, end and partners, not {', '.join(unknown)}")
        wanted = {key: self.filters.get(key) for key in _FILTERS} | filters
        return _context(
            self.data_dir,
            self.figures_dir,
            self.tables_dir,
            self.tables,
            ev.filter_events(self.tables, **wanted),
        )


def setup(
    data_dir: str | os.PathLike | None = None,
    figures_dir: str | os.PathLike | None = None,
    tables_dir: str | os.PathLike | None = None,
    start: str | None = None,
    end: str | None = None,
    partners: list[str] | str | None = None,
) -> NotebookContext:
    """Resolve the folder parameters (``None``: the project's ``data/``, ``figures/``,
    ``build/tables/``) and create the tables folder, apply the figure style, load and validate
    the data folder (:func:`helpers.data.events.load` raises
    :class:`~helpers.data.errors.DataError` with every problem) and select the events of the
    period and partners (:func:`helpers.data.events.filter_events`)."""
    data = resolve_dir(data_dir, "data")
    figures = resolve_dir(figures_dir, "figures")
    tables_out = resolve_dir(tables_dir, "tables")
    tables_out.mkdir(parents=True, exist_ok=True)
    plotting.apply_style()
    tables = ev.load(data)
    selected = ev.filter_events(tables, start=start, end=end, partners=partners)
    return _context(data, figures, tables_out, tables, selected)


def _context(
    data: Path, figures: Path, tables_out: Path, tables: ev.Tables, selected: ev.Tables
) -> NotebookContext:
    return NotebookContext(
        data,
        figures,
        tables_out,
        tables,
        selected,
        selected.filters,
        period_label(selected.filters),
        source_text(selected),
    )
