"""Data files of fengong (queries/), shipped inside the package."""
