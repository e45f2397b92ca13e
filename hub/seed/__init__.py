"""Data loaders: reference data, the demo dataset and the synthetic generator."""
