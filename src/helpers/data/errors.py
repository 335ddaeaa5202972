"""Errors the project raises for bad input: they name the file, row, column and expectation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem. ``row`` counts the header as row 1, as a spreadsheet does.
    ``severity`` is ``error`` (the data break the contract) or ``warning`` (worth a look; the
    data stay valid)."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        lead = "warning: " if self.severity == "warning" else ""
        return f"{', '.join(where)}: {lead}{self.message}"


class DataError(Exception):
    """Raised when input data break the data contract; carries every problem found."""

    def __init__(self, problems: list[Problem] | str, data_dir: object = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(file=str(data_dir or ""), row=None, column=None, message=problems)]
        self.problems = list(problems)
        self.data_dir = data_dir
        head = f"{len(self.problems)} problem(s) in {data_dir}" if data_dir else "invalid data"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class OutputError(DataError):
    """Raised when a command refuses to write where it was asked, or cannot write a file; the
    message names the path and what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.args = (message,)

    def __str__(self) -> str:
        return str(self.args[0])
