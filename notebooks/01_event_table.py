# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (mali-defence)
#     language: python
#     name: mali-defence
# ---

# %% [markdown]
# # 01 · The event table: what the articles say happened
#
# Which cooperation events between Mali and its partners do the articles report, with which
# partners, of which kinds, when, and how well is each one dated and evidenced? Every row of the
# event table is backed by at least one verbatim quote of a source article, checked at its offsets.

# %% tags=["parameters"]
data_dir = None  # data folder; None: the project's data/
figures_dir = None  # where figures are saved; None: build/figures/ (the runner passes figures/)
tables_dir = None  # where the tables behind the figures go; None: build/tables/
start = None  # period start, partial ISO date ("2020", "2022-06"); None: no bound
end = None  # period end, partial ISO date; None: no bound
partners = None  # ISO3 codes such as ["DZA", "RUS"]; None: every partner

# %%
import pandas as pd

from helpers.analyses import evidence, notebook, overview
from helpers.analyses.display import show_findings, show_table
from helpers.data import events as ev
from helpers.figures import plotting

pd.set_option("display.max_colwidth", None)

# %% [markdown]
# ## Load and validate
#
# `load` checks every table against the data contract (`data/datapackage.json`), every evidence
# quote against the article text at its offsets, and every source file against its sha256. It
# stops with the full list of problems if anything is wrong.

# %%
ctx = notebook.setup(
    data_dir=data_dir,
    figures_dir=figures_dir,
    tables_dir=tables_dir,
    start=start,
    end=end,
    partners=partners,
)
selected = ctx.selected
events = selected.events
print(ctx.scope)

# %%
show_findings(overview.event_table_findings(selected))

# %% [markdown]
# ## The events and their evidence
#
# Every event with its date as the article writes it, its partners, its type and every verbatim
# quote behind it, with the article's title, outlet and publication date. Type a partner's name, a
# word or a year in the search box to filter the rows; click a column header to sort.

# %%
evidence_rows = evidence.evidence_table(selected)
evidence_rows.to_csv(ctx.tables_dir / "event_evidence.csv", index=False)
show_table(evidence_rows, "event-evidence", page_length=25)

# %% [markdown]
# ## Events by partner

# %%
by_partner = ev.events_by_partner(events)
by_partner.to_csv(ctx.tables_dir / "events_by_partner.csv", index=False)
show_table(by_partner, "events-by-partner")

# %% [markdown]
# ## Events by kind of partner
#
# A partner is a state (ISO3) or, from the registry `organisations.csv`, an organisation, an
# alliance or a mission. An event listing several partners of one kind counts once for that kind.

# %%
by_kind = overview.events_by_partner_kind(events)
by_kind.to_csv(ctx.tables_dir / "events_by_partner_kind.csv", index=False)
show_table(by_kind, "events-by-kind")

# %% [markdown]
# ## Events by partner and type

# %%
by_type = ev.events_by_type(events)
by_type.to_csv(ctx.tables_dir / "events_by_type.csv")
show_table(by_type, "events-by-type")

# %%
fig = overview.plot_events_by_type(by_type, selected)
plotting.save_and_show(fig, "01_events_by_partner_type", ctx.figures_dir)

# %% [markdown]
# ## Events by year
#
# Only dated events can be placed in a year; an event dated to a month or a year counts in the
# year it starts. Undated events are listed further down, never dropped.

# %%
by_year = ev.events_by_year(events)
by_year.to_csv(ctx.tables_dir / "events_by_year.csv", index=False)
show_table(by_year, "events-by-year")

# %%
fig = overview.plot_events_by_year(by_year, selected)
plotting.save_and_show(fig, "01_events_by_year", ctx.figures_dir)

# %% [markdown]
# ## How precisely events are dated
#
# `stated`: the date is written in the article; `relative`: computed from an expression such as
# *la semaine dernière* and the publication date; `inferred`: reasoned from context, explained in
# the event's `notes`; `none`: the text gives no date.

# %%
precision = ev.date_precision_table(events)
precision.to_csv(ctx.tables_dir / "date_precision.csv")
show_table(precision, "date-precision")

# %% [markdown]
# ## Undated events
#
# The text gives no usable date for these events (or gives a day and month without a year). They
# stay in the table with their date expression as written.

# %%
undated = ev.undated_events(events)
undated.to_csv(ctx.tables_dir / "event_table_undated.csv", index=False)
show_table(undated, "undated-events")

# %% [markdown]
# ## Endings
#
# Events that end or interrupt a partnership: an agreement denounced or an organisation left
# (`agreement_termination`, CAMEO 160), a force or mission leaving (`withdrawal`, 166), diplomatic
# relations broken (`relations_break`, 161), cooperation suspended (`suspension`, 162).

# %%
ended = overview.endings(events)
ended.to_csv(ctx.tables_dir / "endings.csv", index=False)
if ended.empty:
    print("No event in the selection ends or interrupts a partnership.")
show_table(ended, "endings")

# %% [markdown]
# ## Evidence coverage
#
# Every event must have at least one verbatim quote; events reported by several articles have
# several.

# %%
coverage = ev.evidence_coverage(selected)
coverage.to_csv(ctx.tables_dir / "evidence_coverage.csv", index=False)
show_table(coverage, "evidence-coverage")
