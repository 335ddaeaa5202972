"""The network of Mali's defence partnerships: who takes part in which event, who meets whom,
which partnerships an actor links; networkx graphs, tables, figures and Gephi exports."""

from helpers.analyses.network.centrality import (
    BRIDGE_COLUMNS,
    CENTRALITY_COLUMNS,
    EXACT_BETWEENNESS_UP_TO,
    SAMPLE_BUDGET,
    SAMPLE_SOURCES,
    betweenness,
    betweenness_note,
    betweenness_sources,
    bridges,
    centrality_table,
    sampled_betweenness,
)
from helpers.analyses.network.draw import (
    DRAW_UP_TO,
    KIND_MARKERS,
    LARGE_GRAPH,
    LAYOUT_BUDGET,
    MAX_LABELS,
    MAX_LEGEND_COUNTRIES,
    NO_COUNTRY,
    OTHER_COUNTRY,
    PARTNER_MARKERS,
    draw_actor_network,
    draw_partner_network,
    labels_to_draw,
    layout,
)
from helpers.analyses.network.exports import (
    GRAPH_FILES_UP_TO,
    export,
    export_note,
    export_ready,
    graph_files_written,
    spreadsheet_tables,
    write_gexf,
    write_graphml,
)
from helpers.analyses.network.findings import network_findings
from helpers.analyses.network.graph import (
    ACTOR_PREFIX,
    EDGE_COLUMNS,
    EVENT_PREFIX,
    KINDS,
    LAYOUT_SEED,
    PARTNER_EDGE_COLUMNS,
    ROLES,
    actor_node,
    actor_nodes,
    actor_projection,
    bipartite_graph,
    edge_table,
    event_node,
    participation,
    partner_edges,
    partner_graph,
    restrict_projection,
    structure_edges,
    summary,
)

__all__ = ["ACTOR_PREFIX", "BRIDGE_COLUMNS", "CENTRALITY_COLUMNS", "DRAW_UP_TO", "EDGE_COLUMNS", "EVENT_PREFIX", "EXACT_BETWEENNESS_UP_TO", "GRAPH_FILES_UP_TO", "KINDS", "KIND_MARKERS", "LARGE_GRAPH", "LAYOUT_BUDGET", "LAYOUT_SEED", "MAX_LABELS", "MAX_LEGEND_COUNTRIES", "NO_COUNTRY", "OTHER_COUNTRY", "PARTNER_EDGE_COLUMNS", "PARTNER_MARKERS", "ROLES", "SAMPLE_BUDGET", "SAMPLE_SOURCES", "actor_node", "actor_nodes", "actor_projection", "betweenness", "betweenness_note", "betweenness_sources", "bipartite_graph", "bridges", "centrality_table", "draw_actor_network", "draw_partner_network", "edge_table", "event_node", "export", "export_note", "export_ready", "graph_files_written", "labels_to_draw", "layout", "network_findings", "participation", "partner_edges", "partner_graph", "restrict_projection", "sampled_betweenness", "spreadsheet_tables", "structure_edges", "summary", "write_gexf", "write_graphml"]
