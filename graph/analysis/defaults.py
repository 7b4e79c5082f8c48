"""The analysis's fixed defaults, in a module without dependencies, so that the command line can
show them in ``--help`` without importing networkx and matplotlib."""

DEFAULT_SEED = 1  # Louvain's random seed: the communities are the same on every run
DEFAULT_TOP = 10  # departments in the headline table and the report's table
CHART_TOP = 15  # departments in the charts
FENCE_K = 1.5  # Tukey's fence multiplier: overloaded above Q3 + 1.5·IQR
FAR_OUT_K = 3.0  # Tukey's "far out" multiplier, reported beside the fence
