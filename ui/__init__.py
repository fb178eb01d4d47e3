"""The page's parts (Streamlit): ``dashboard.py`` is the entry point and navigation.

- :mod:`ui.explore` and :mod:`ui.present`: the two pages;
- :mod:`ui.view`: the data and the view both pages show;
- :mod:`ui.sidebar`, :mod:`ui.details`, :mod:`ui.analysis`, :mod:`ui.exports`: the
  Explore page's parts;
- :mod:`ui.state`: the session's state (one typed object) and the address;
- :mod:`ui.caches`: every cache, keyed by the data's version;
- :mod:`ui.figure`: figures drawn in place (plotly.js from ``static/``);
- :mod:`ui.table`: tables sorted, searched and chosen from, drawn in place;
- :mod:`ui.keys`: a story's slides turned by the keyboard or a clicker;
- :mod:`ui.common`: settings and small helpers.

The dependencies run one way: each module imports only modules listed after it.
"""
