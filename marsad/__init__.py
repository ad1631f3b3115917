"""Marsad: Arabic news about Libya → places, actors, operations and dates in a DuckDB/Parquet store."""

__version__ = "0.1.0"
