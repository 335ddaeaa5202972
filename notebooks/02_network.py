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
# # 02 · The network: who meets whom, and who holds the partnerships together
#
# Which people, countries and institutions take part in the same cooperation events, and which
# of them link one partnership of Mali to another? The graphs are built from the curated
# participant table, so every link goes back to an event and its verbatim evidence.

# %% tags=["parameters"]
data_dir = None  # data folder; None: the project's data/
figures_dir = None  # where figures are saved; None: build/figures/ (the runner passes figures/)
tables_dir = None  # where the tables behind the figures go; None: build/tables/
start = None  # period start, partial ISO date ("2020", "2022-06"); None: no bound
end = None  # period end, partial ISO date; None: no bound
partners = None  # ISO3 codes such as ["DZA", "RUS"]; None: every partner
max_labels = 30  # most central actors labelled in the actor network (the others stay unlabelled)
graph_files_up_to = 200_000  # GraphML/GEXF written up to this many nodes + edges; None: always

# %%
import pandas as pd

from helpers.analyses import network, notebook
from helpers.analyses.display import show_findings, show_table
from helpers.figures import plotting
from helpers.figures.interactive import show_view

pd.set_option("display.max_colwidth", 80)

# %% [markdown]
# ## Load, validate and select
#
# The period and the partners select events; participants follow their events. Every actor of
# the actor table stays in the graph, isolated when it takes part in no selected event.

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
print(ctx.scope)

# %% [markdown]
# ## Three graphs
#
# - **Bipartite graph**: actors (`actor:<id>`) on one side, events (`event:<id>`) on the other; an
#   edge is a participation, with the actor's role and title at the event as written, and the
#   event's type and dates.
# - **Actor projection**: two actors are linked when they take part in the same event; the weight is
#   the number of events they share.
# - **Partner graph**: Mali and each partner country, one link per event type weighted by events. A
#   multilateral event links Mali to each partner it lists; partners are not linked to each other.
#   Organisations, alliances and missions are nodes of their own kind, tied to their member states
#   present in the data (`member`) and a mission to its parent (`parent`).

# %%
bipartite = network.bipartite_graph(selected)
projection = network.actor_projection(bipartite)
partner_net = network.partner_graph(selected.events, registry=selected.registry)
show_table(network.summary(bipartite, projection, partner_net), "t02-summary")

# %% [markdown]
# ## Centrality
#
# `degree`: actors met in at least one event; `weighted_degree`: the same, counted once per shared
# event; `betweenness`: the share of shortest paths between two other actors that pass through
# the actor (normalised; a link is shorter when the two actors share more events, length = 1 /
# shared events; exact on small graphs, estimated from a seeded sample of k source actors on large
# ones, as the sentence under the table says);
# `partnerships`: how many partner countries' events the actor takes part in.

# %%
centrality = network.centrality_table(selected, projection)
centrality.to_csv(ctx.tables_dir / "network_centrality.csv", index=False)
print(network.betweenness_note(projection))
show_table(centrality, "t02-centrality")

# %% [markdown]
# ## Who bridges partnerships
#
# Actors who take part in the events of more than one partner country, with the number of
# events and of articles reporting them.

# %%
bridge_table = network.bridges(selected)
bridge_table.to_csv(ctx.tables_dir / "network_bridges.csv", index=False)
show_table(bridge_table, "t02-bridge-table")

# %% [markdown]
# Country nodes such as Mali take part in nearly every event, so they lie on most shortest paths.
# Without them, the betweenness of people and institutions shows who links the partnerships.

# %%
core = network.restrict_projection(projection, kinds=("person", "institution"))
core_centrality = network.centrality_table(selected, core)
core_centrality.to_csv(ctx.tables_dir / "network_centrality_without_countries.csv", index=False)
print(network.betweenness_note(core))
show_table(core_centrality.head(15), "t02-core-centrality")

# %% [markdown]
# ## Strongest ties
#
# Pairs of actors by number of shared events, with the events' ids (the full list is in
# `network_edges.csv`).

# %%
edges = network.edge_table(projection)
edges.to_csv(ctx.tables_dir / "network_edges.csv", index=False)
show_table(edges.head(15), "t02-edges")

# %% [markdown]
# ## The actor network
#
# Actors who take part in at least one selected event. Colour: country; marker: kind of actor;
# area: events taken part in; line width: shared events. On large graphs only the most central
# actors (`max_labels`) are labelled.

# %%
fig = network.draw_actor_network(projection, centrality, selected, max_labels=max_labels)
plotting.save_and_show(fig, "02_actor_network", ctx.figures_dir)

# %% [markdown]
# The same actors at the same positions, interactive: drag to pan, scroll or pinch to zoom, hover
# an actor for its country, titles as written and events, and type a name (or part of one, with
# or without accents) in the search box to ring the actors it matches.

# %%
show_view(
    network.network_spec(projection, centrality, max_labels=max_labels),
    "actor-network",
    "Interactive network of the actors linked by shared events",
    note="No actor takes part in a selected event: no interactive network.",
)

# %% [markdown]
# ## The partner graph
#
# Events between Mali and each partner, by event type.

# %%
partner_table = network.partner_edges(selected.events, registry=selected.registry)
partner_table.to_csv(ctx.tables_dir / "network_partner_edges.csv", index=False)
show_table(partner_table, "t02-partner-table")

# %% [markdown]
# Ties the registry (`organisations.csv`) gives between partners present in the data: an
# organisation or alliance and its member states, a mission and the organisation or state it belongs to.

# %%
ties = network.structure_edges(selected.partners, selected.registry)
ties.to_csv(ctx.tables_dir / "network_partner_ties.csv", index=False)
if ties.empty:
    print("No organisation in the selection has a member or parent among the partners.")
show_table(ties, "t02-ties")

# %%
fig = network.draw_partner_network(partner_net, selected)
plotting.save_and_show(fig, "02_partner_network", ctx.figures_dir)

# %% [markdown]
# ## Exports for Gephi and other tools
#
# The bipartite graph with every attribute, in UTF-8; list attributes (titles, aliases,
# partners) are joined with `; ` and unknown values are empty strings. Always as the node and link
# tables of Gephi's spreadsheet import; also as GraphML and GEXF while the graph has at most
# `graph_files_up_to` nodes + edges (the XML writers need about a minute per half million).

# %%
written = network.export(bipartite, ctx.tables_dir, up_to=graph_files_up_to)
print(network.export_note(bipartite, up_to=graph_files_up_to))
print("Written:", ", ".join(path.name for path in written.values()))

# %%
show_findings(
    network.network_findings(
        selected, projection, centrality, bridge_table, partner_table, core_centrality
    )
)
