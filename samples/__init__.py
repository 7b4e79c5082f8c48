"""Data files of fengong (samples/), shipped inside the package."""
