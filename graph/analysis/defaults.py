"""The analysis's fixed defaults, in a module without dependencies, so that the command line can
show them in ``--help`` without importing networkx and matplotlib."""

DEFAULT_SEED = 1  # Louvain's random seed: the communities are the same on every run
DEFAULT_TOP = 10  # departments in the headline table and the report's table
CHART_TOP = 15  # departments in the charts
FENCE_K = 1.5  # Tukey's fence multiplier: overloaded above Q3 + 1.5·IQR
FAR_OUT_K = 3.0  # Tukey's "far out" multiplier, reported beside the fence
# How plans' departments are matched in compare and --by-year: as the same body, or as the body that
# holds their duties today (through ontology/lineage.ttl).
MATCH_BY = ("department", "successor")

# The files an analysis writes into its folder (fengong.analysis.outputs.write_outputs): named
# here, without dependencies, so that fengong build can refuse before it starts to write one of
# them over an input.
TABLE_FILES = ("assignments.csv", "workload.csv", "centrality.csv", "units.csv", "sections.csv", "summary.csv")
LOAD_CHART = "load-index"
HEATMAP = "department-section"
CHART_SUFFIXES = (".png", ".svg")
NETWORKS = ("coordination", "support")
NETWORK_SUFFIXES = (".graphml", ".gexf")
REPORT_FILE = "report.md"
# With several plans, each plan's files go into PLANS_FOLDER/ID/ and the folder itself holds the
# corpus table and a report.md that sets the plans side by side.
CORPUS_TABLE = "corpus.csv"
PLANS_FOLDER = "plans"
# Each plan's charts are drawn when a corpus has at most this many plans: drawing is most of an
# analysis's time (two charts, PNG and SVG, ~1 s a plan), so a corpus of thousands gets each plan's
# tables, networks and report, and a plan's charts come with ``fengong analyze --plan ID``.
CHART_PLANS = 20
ANALYSIS_FILES = (
    *TABLE_FILES,
    *(chart + suffix for chart in (LOAD_CHART, HEATMAP) for suffix in CHART_SUFFIXES),
    *(network + suffix for network in NETWORKS for suffix in NETWORK_SUFFIXES),
    REPORT_FILE,
    CORPUS_TABLE,
)


class FontWarning(UserWarning):
    """No font can draw some characters of the chart's labels. Defined here, not beside the
    fonts, so that a job whose charts are drawn in another process catches it without matplotlib."""
