"""Data files of fengong (ontology/), shipped inside the package."""
