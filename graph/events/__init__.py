"""Machine-coded event data (GDELT, ACLED) beside the curated graph, never mixed with it.

Files are imported into an event store of Parquet files (:mod:`graph.events.store`,
DuckDB underneath), mapped to our actors by a curated table (``data/event_actors.csv``),
and aggregated into dyads (:mod:`graph.events.dyads`, one Ibis expression that DuckDB runs
here and BigQuery, Spark or Trino run elsewhere).
"""
