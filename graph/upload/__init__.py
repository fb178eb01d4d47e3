"""Bring your own data: check uploaded tables and merge them with a dataset, all or nothing.

A team uploads CSV tables in the schema of ``data/datapackage.json`` (``actors.csv``,
``relations.csv``, ...) or one ``.zip`` of them. :func:`read_upload` enforces size limits,
reads the tables, merges them with a base dataset (``"extend"``: add rows;
``"replace"``: swap whole tables) in memory, and checks the merged tables once with the
loader's own checks (:func:`graph.load.load_tables`: no folder written, nothing read
twice). The result is either a
new :class:`~graph.load.Dataset` or every problem found, each placed in the file the user
uploaded (its name and line); nothing is applied in part. Bad input never raises.

The package's modules: :mod:`~graph.upload.result` (limits, result, digest),
:mod:`~graph.upload.template` (the tables and a template to start from),
:mod:`~graph.upload.reading` (files, zips and tables read within the limits) and
:mod:`~graph.upload.merge` (the merge, checked by the loader: :func:`read_upload`).
"""

from graph.upload.merge import read_upload
from graph.upload.reading import KEPT_FROM_THE_DATA_FOLDER
from graph.upload.result import (
    BASE_SUFFIX,
    UPLOAD_FILE,
    UploadLimits,
    UploadResult,
    upload_digest,
)
from graph.upload.template import table_files, upload_template

__all__ = [
    "BASE_SUFFIX",
    "KEPT_FROM_THE_DATA_FOLDER",
    "UPLOAD_FILE",
    "UploadLimits",
    "UploadResult",
    "read_upload",
    "table_files",
    "upload_digest",
    "upload_template",
]
