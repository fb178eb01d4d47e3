"""The page's parts that need Streamlit (``dashboard.py`` is the entry point)."""
