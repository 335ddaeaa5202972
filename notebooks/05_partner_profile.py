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
# # 05 · Partner profile
#
# One partnership on one page: what Mali and this partner did together and when, which officials
# carried it, how the press frames it next to the other partnerships, and who is quoted. Every
# line comes from the validated event table and the tables of notebooks 03 and 04.

# %% tags=["parameters"]
data_dir = None  # data folder; None: the project's data/
figures_dir = None  # where figures are saved; None: build/figures/ (the runner passes figures/)
tables_dir = None  # where the tables of notebooks 03 and 04 are read and this one's written
start = None  # period start, partial ISO date; None: no bound
end = None  # period end, partial ISO date; None: no bound
partners = None  # unused here (kept for a common interface); the page is about `partner`
partner = None  # code of the partner: ISO3 (e.g. "DZA") or an organisation id (e.g. "AES"); None: the first partner in the data

# %%
import pandas as pd

from helpers.analyses import evidence, notebook, profile, rhythm
from helpers.analyses.display import show_findings, show_table
from helpers.data import events as ev
from helpers.figures import plotting
from helpers.text.normalize import slug

pd.set_option("display.max_colwidth", None)

# %%
ctx = notebook.setup(
    data_dir=data_dir,
    figures_dir=figures_dir,
    tables_dir=tables_dir,
    start=start,
    end=end,
    partners=partners,
)
code = profile.default_partner(ctx.tables, partner)
known = code in ctx.tables.partners
ctx = ctx.select(partners=[code] if known else ["---"])
selected = ctx.selected
if code is None:
    print("The data hold no partner: there is nothing to profile.")
elif not known:
    print(f"{code!r} is not a partner in the data (partners: {', '.join(ctx.tables.partners)}).")
else:
    print(f"Profile of {ctx.tables.partner_label(code)}. " + ctx.scope)

# %%
show_findings(
    profile.profile_findings(selected, code, profile.officials(selected, code))
    if known
    else ["Nothing to report."]
)

# %% [markdown]
# ## Events on a timeline
#
# Filled markers are dated to the day, hollow markers with a bracket to the month or year only;
# `n° k` marks numbered sessions (see notebook 03 for the conventions).

# %%
intervals = rhythm.event_intervals(selected.events)
gaps = rhythm.consecutive_gaps(intervals)
summary = rhythm.gap_summary(intervals, gaps)
sessions = rhythm.session_events(selected)
fig = rhythm.plot_timeline(intervals, summary, sessions, selected)
plotting.save_and_show(fig, f"05_profile_{slug(code or 'none')}_timeline", ctx.figures_dir)

# %% [markdown]
# ## The events and their evidence
#
# Each event of this partnership with its date as written and every verbatim quote behind it, with
# the article's title, outlet and publication date.

# %%
show_table(evidence.evidence_table(selected), "partner-evidence")

# %% [markdown]
# ## Undated events
#
# Events the articles report without a usable date, with the date expression as written.

# %%
undated = ev.undated_events(selected.events)
if undated.empty:
    print("No undated event for this partner in the selection.")
else:
    show_table(undated, "partner-undated")

# %% [markdown]
# ## Officials and their roles
#
# People taking part in this partnership's events; `titles` lists the ranks and functions as the
# articles write them, in date order (a rank can change between articles).

# %%
people = profile.officials(selected, code) if known else profile.officials(selected, "")
people.to_csv(ctx.tables_dir / f"profile_{slug(code or 'none')}_officials.csv", index=False)
if people.empty:
    print("No official is named for this partner's events.")
else:
    show_table(people, "partner-officials")

# %% [markdown]
# ## Frames beside the other partnerships
#
# Sentence counts per frame from notebook 04 (`frames_by_partner.csv`); a share is shown only
# where a partner has enough articles and sentences, otherwise the count is marked insufficient.

# %%
frames = profile.read_table(ctx.tables_dir, profile.FRAMES_TABLE)
if frames is None:
    print(
        "frames_by_partner.csv is missing: run 04_framing first (make report runs it before this page)."
    )
    beside = pd.DataFrame()
else:
    beside = profile.frames_beside_others(frames, code)
show_table(beside, "partner-frames")

# %% [markdown]
# ## Who is quoted
#
# Quotes from this partner's articles (notebook 04, `quotes.csv`), in French as written.

# %%
quotes = profile.read_table(ctx.tables_dir, profile.QUOTES_TABLE)
if quotes is None:
    print("quotes.csv is missing: run 04_framing first (make report runs it before this page).")
said = profile.partner_quotes(quotes, code) if known else profile.partner_quotes(None, "")
if said.empty:
    print("No quote found for this partner.")
else:
    show_table(evidence.with_article_labels(said, selected), "partner-quotes")
