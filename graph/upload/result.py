"""What an upload may hold and what it made: its limits, its result and its digest."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.i18n import N_, ngettext
from graph.i18n import gettext as _
from graph.load import DataIssue, Dataset
from graph.upload._common import _MB, _check_call, _size

__all__ = [
    "BASE_SUFFIX",
    "UPLOAD_FILE",
    "UploadLimits",
    "UploadResult",
    "upload_digest",
]

#: Added to a table's file name in issues about rows of the base dataset, not the upload.
BASE_SUFFIX = " (current data)"

#: File name of issues about the upload as a whole (too large, no file at all).
UPLOAD_FILE = "upload"


# --- Public types -------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold; checked on the server before anything is parsed.

    Attributes
    ----------
    max_total_bytes : int, default 5 MiB
        Bytes of all uploaded files together, as received (a zip counts compressed);
        matches ``server.maxUploadSize = 5`` in ``.streamlit/config.toml``.
    max_table_bytes : int, default 20 MiB
        Bytes of CSV text after unzipping, all tables together.
    max_rows : int, default 20 000
        Data rows per uploaded table.
    max_files : int, default 16
        Files uploaded at once.
    max_zip_members : int, default 32
        Entries of one zip (folders included).

    Examples
    --------
    >>> print(UploadLimits().describe().split(": ")[1])
    at most 5 MB in all (20 MB of CSV once unzipped), 20,000 rows per table.
    >>> UploadLimits(max_rows=0)
    Traceback (most recent call last):
    ...
    ValueError: max_rows 0 is not a positive integer
    """

    max_total_bytes: int = 5 * _MB
    max_table_bytes: int = 20 * _MB
    max_rows: int = 20_000
    max_files: int = 16
    max_zip_members: int = 32

    def __post_init__(self) -> None:
        for name in (
            "max_total_bytes",
            "max_table_bytes",
            "max_rows",
            "max_files",
            "max_zip_members",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} {value!r} is not a positive integer")

    def describe(self) -> str:
        """One sentence stating the limits, for the page beside the upload button."""
        return _(
            "CSV tables named as in the schema, or one .zip of them: at most {total} in all "
            "({table} of CSV once unzipped), {rows} rows per table."
        ).format(
            total=_size(self.max_total_bytes),
            table=_size(self.max_table_bytes),
            rows=f"{self.max_rows:,}",
        )


#: The tables' names as a reader reads them, marked for the catalog (graph.i18n).
TABLE_WORDS: dict[str, str] = {
    "sources": N_("sources"),
    "relation_types": N_("relation types"),
    "places": N_("places"),
    "actors": N_("actors"),
    "relations": N_("relations"),
    "events": N_("events"),
    "event_actors": N_("event actors"),
    "borders": N_("borders"),
    "areas": N_("areas"),
}


@dataclass(frozen=True)
class UploadResult:
    """What :func:`read_upload` made of an upload: a dataset, or every issue found.

    Attributes
    ----------
    dataset : Dataset or None
        The merged, validated dataset; None when there is any issue.
    issues : tuple of DataIssue
        Every problem, sorted by file and line. ``file`` is the name the user uploaded
        (``"actors.csv"``, or ``"ours.zip/data/actors.csv"`` inside a zip) and ``line``
        a line of that file; rows of the base dataset that the upload breaks are named
        ``"relations.csv (current data)"`` (:data:`BASE_SUFFIX`) with their line in the
        base's canonical file; problems of the upload as a whole are in ``"upload"``.
    digest : str
        SHA-256 (hex) of the mode and the uploaded names and bytes
        (:func:`upload_digest`): a cache key for this upload.
    mode : {"extend", "replace"}
    rows : dict of str to int
        Rows read per uploaded table (by table name), in schema order.

    Examples
    --------
    >>> from graph.upload import read_upload
    >>> result = read_upload([("notes.txt", b"hello")], base=None)
    >>> result.ok, [str(issue) for issue in result.issues]
    (False, ['notes.txt: not a CSV table or a .zip of them'])
    """

    dataset: Dataset | None
    issues: tuple[DataIssue, ...]
    digest: str
    mode: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the upload was applied (a dataset and no issue)."""
        return self.dataset is not None and not self.issues

    def summary(self) -> str:
        """One line for the page: rows taken per table, or the number of issues.

        Examples
        --------
        >>> UploadResult(None, (), "0" * 64, "extend", {"actors": 2}).summary()
        'Not applied: 0 issues.'
        """
        if not self.ok:
            count = len(self.issues)
            return ngettext("Not applied: {n} issue.", "Not applied: {n} issues.", count).format(
                n=count
            )
        parts = _(", ").join(
            ngettext("{n} row of {table}", "{n} rows of {table}", count).format(
                n=f"{count:,}", table=_(TABLE_WORDS.get(name, name.replace("_", " ")))
            )
            for name, count in self.rows.items()
        )
        if self.mode == "extend":
            return _("Applied: {rows} added.").format(rows=parts)
        return _("Applied: {rows} in place of the current tables.").format(rows=parts)


# --- Small public helpers -----------------------------------------------------------------


def upload_digest(files: Sequence[tuple[str, bytes]], mode: str = "extend") -> str:
    """Return the SHA-256 (hex) of an upload: its mode, then each file's name and bytes.

    Files are taken in name order, so the order of selection does not matter. Use it with
    the base dataset's identity to key a cache of :func:`read_upload` results.

    Parameters
    ----------
    files : sequence of (str, bytes)
        The uploaded files: name and content.
    mode : {"extend", "replace"}, default "extend"

    Returns
    -------
    str
        64 hexadecimal digits.

    Notes
    -----
    Cost O(bytes).

    Examples
    --------
    >>> a = upload_digest([("actors.csv", b"x"), ("relations.csv", b"y")])
    >>> a == upload_digest([("relations.csv", b"y"), ("actors.csv", b"x")])
    True
    >>> a == upload_digest([("actors.csv", b"x"), ("relations.csv", b"y")], "replace")
    False
    """
    _check_call(files, mode)
    digest = hashlib.sha256(f"borderlines-upload\0{mode}\0".encode())
    for name, data in sorted(files, key=lambda item: (item[0], bytes(item[1]))):
        encoded = name.encode("utf-8", errors="surrogatepass")
        digest.update(b"%d\0" % len(encoded) + encoded + b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()
