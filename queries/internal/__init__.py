"""Data files of fengong (queries/internal/): the SPARQL fengong's own code runs, shipped inside the package."""
