"""The state store: the views readers save in the page, kept outside the repository.

The shipped views (``data/views/``) are the curators' and read-only to the page. What a
reader saves goes here instead: one SQLite database in WAL mode, ``views.sqlite3`` in the
state folder (``$BORDERLINES_STATE``, else the user's state folder, e.g.
``~/.local/state/borderlines`` on Linux). Each row holds a view's canonical TOML
(:func:`graph.views.view_text`), so a stored view reads, downloads and promotes exactly as
a file would.

What the store guarantees, and why SQLite gives it for free:

- **Atomic saves.** A save is one transaction: a process killed at any moment leaves the
  old view or the new one, never an empty or partial one, and readers see one or the other
  (WAL readers never wait for, nor see half of, a writer).
- **"Don't overwrite" enforced by the store.** The check and the write happen inside one
  ``BEGIN IMMEDIATE`` transaction, and the slug is the primary key: of two processes
  saving the same new name, exactly one succeeds and the other gets :class:`ViewExists`.
- **Checked like the data.** A view is checked by :func:`graph.views.check_view` (the
  rules of ``python -m graph validate``) before it is stored, so a promoted view never
  fails validation or the tests.
- **Capped.** At most ``max_views`` views (default :data:`MAX_VIEWS`) of at most
  :data:`graph.views.MAX_FILE_BYTES` each; a reader cannot fill the disk or slow the page.

``python -m graph views`` lists, shows, deletes and promotes stored views (promoting
writes ``data/views/<slug>.toml`` for a curator to commit).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx

from graph.i18n import gettext as _
from graph.load import DataIssue
from graph.views import View, ViewsRead, check_view, view_from_text, view_text

__all__ = [
    "MAX_VIEWS",
    "SAVING_SETTING",
    "STATE_SETTING",
    "StoreError",
    "StoreFull",
    "StoredView",
    "ViewExists",
    "ViewRefused",
    "ViewStore",
    "default_state_dir",
    "saving_policy",
]

#: Most views a store holds. The page lists them all in one box and reads them once per
#: change of the store; 500 keeps that box usable and the read under 20 ms.
MAX_VIEWS = 500
#: Environment variable naming the state folder.
STATE_SETTING = "BORDERLINES_STATE"
#: Environment variable that turns saving from the page ``on``, ``off`` or ``auto``.
SAVING_SETTING = "BORDERLINES_SAVING"
_FILE = "views.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS views ("
    " slug TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL, saved TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
    "INSERT OR IGNORE INTO meta VALUES ('generation', 0)",
)
_BUSY_SECONDS = 30.0  # how long a saver waits for another to finish
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


class StoreError(OSError):
    """The store cannot be opened, read or written (the message names its file)."""


class ViewExists(StoreError, FileExistsError):
    """A view of that name is stored already and overwriting was not asked for."""


class StoreFull(StoreError):
    """The store holds its maximum number of views."""


class ViewRefused(ValueError):
    """The view breaks a rule of the data; ``issues`` says which, with their lines."""

    def __init__(self, issues: Collection[DataIssue]) -> None:
        self.issues = list(issues)
        super().__init__("; ".join(f"{i.field or 'view'}: {i.message}" for i in self.issues))


@dataclass(frozen=True)
class StoredView:
    """A row of the store: the view's name, its TOML and when it was saved (UTC, ISO)."""

    slug: str
    text: str
    saved: str


def default_state_dir() -> Path:
    """Return the state folder: ``$BORDERLINES_STATE`` if set, else the user's own.

    The user's state folder is the platform's (``~/.local/state/borderlines`` on Linux,
    ``~/Library/Application Support/borderlines`` on macOS, ``%LOCALAPPDATA%`` on
    Windows), never a folder of the repository.

    Examples
    --------
    >>> folder = default_state_dir()
    >>> folder.is_absolute() or "BORDERLINES_STATE" in os.environ
    True
    """
    env = os.environ.get(STATE_SETTING)
    if env:
        return Path(env)
    from platformdirs import user_state_path

    return user_state_path("borderlines", appauthor=False)


def saving_policy(
    setting: str | None, address: str | None, headers: Mapping[str, str] | None = None
) -> tuple[bool, str]:
    """Whether the page may save views, and why not.

    Parameters
    ----------
    setting : str or None
        :data:`SAVING_SETTING`'s value: ``on``, ``off`` or ``auto`` (the default, also
        for None or empty).
    address : str or None
        The address the server listens on (Streamlit's ``server.address``); None or empty
        means every interface.
    headers : mapping, optional
        The request's headers; one set by a reverse proxy (``X-Forwarded-For``,
        ``Forwarded``, ``X-Real-IP``) means the reader came from the network.

    Returns
    -------
    (bool, str)
        Whether saving is on, and when it is off, a sentence saying why and how to turn
        it on.

    Notes
    -----
    ``auto`` saves only for a server that listens on this machine alone and is not
    reached through a proxy: served to a room, any visitor could otherwise write into the
    server's store.

    Examples
    --------
    >>> saving_policy(None, "127.0.0.1")
    (True, '')
    >>> saving_policy("auto", "0.0.0.0")[0], saving_policy("on", "0.0.0.0")[0]
    (False, True)
    >>> saving_policy(None, "127.0.0.1", {"X-Forwarded-For": "10.0.0.7"})[0]
    False
    """
    value = (setting or "auto").strip().lower()
    if value == "on":
        return True, ""
    if value == "off":
        return False, _("Saving is off on this server ({setting}=off).").format(
            setting=SAVING_SETTING
        )
    if value != "auto":
        return False, _("Saving is off: {setting}={value} is not on, off or auto.").format(
            setting=SAVING_SETTING, value=repr(setting)
        )
    if not address or address.strip() not in _LOOPBACK:
        if address:
            why = _(
                "Saving is off: this server listens on {address}; "
                "set {setting}=on for the server to allow it."
            )
        else:
            why = _(
                "Saving is off: this server listens on every network interface; "
                "set {setting}=on for the server to allow it."
            )
        return False, why.format(address=address, setting=SAVING_SETTING)
    names = {str(key).lower() for key in (headers or {})}
    if any(header in names for header in _PROXY_HEADERS):
        return False, _(
            "Saving is off: this page is served through a proxy; "
            "set {setting}=on for the server to allow it."
        ).format(setting=SAVING_SETTING)
    return True, ""


class ViewStore:
    """The views saved from the page, in ``<folder>/views.sqlite3``.

    Parameters
    ----------
    folder : path-like, optional
        The state folder; default :func:`default_state_dir`. Made on the first save;
        reading a folder without a store finds no views and makes nothing.
    max_views : int, default MAX_VIEWS
        Most views the store holds.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = ViewStore(folder)
    ...     _ = store.save(View("hostile", "Hostile ties", filters={"signs": ["-1"]}))
    ...     try:
    ...         _ = store.save(View("hostile", "Other"))
    ...     except ViewExists as error:
    ...         print(error)
    ...     print(list(store.read().views), store.generation())
    a saved view named 'hostile' exists already
    ['hostile'] 1
    """

    def __init__(self, folder: Path | str | None = None, *, max_views: int = MAX_VIEWS) -> None:
        if isinstance(max_views, bool) or not isinstance(max_views, int) or max_views < 1:
            raise ValueError(f"max_views must be a whole number of at least 1, not {max_views!r}")
        self.folder = Path(folder) if folder is not None else default_state_dir()
        self.path = self.folder / _FILE
        self.max_views = max_views

    def __repr__(self) -> str:
        return f"ViewStore({str(self.folder)!r})"

    # ----------------------------------------------------------------------- connection

    @contextlib.contextmanager
    def _connect(self, *, create: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection in autocommit mode (transactions are explicit), or None when the
        store does not exist and ``create`` is False. sqlite3 errors become
        :class:`StoreError` naming the file."""
        if not create and not self.path.is_file():
            yield None
            return
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            message = _("cannot open the view store {path}: {reason}")
            raise StoreError(message.format(path=self.path, reason=error)) from None
        try:
            if create:
                connection.execute("PRAGMA synchronous=FULL")  # each commit reaches the disk
                _prepare(connection)
            yield connection
        except sqlite3.Error as error:
            message = _("the view store {path} failed: {reason}")
            raise StoreError(message.format(path=self.path, reason=error)) from None
        finally:
            connection.close()

    # ----------------------------------------------------------------------- reading

    def generation(self) -> int:
        """A number that changes with every save or deletion (0 for an empty store): read
        it on every rerun, and the views only when it changed.

        Notes
        -----
        Cost one small query (about 0.1 ms).
        """
        with self._connect(create=False) as connection:
            if connection is None:
                return 0
            row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            return int(row[0]) if row else 0

    def rows(self) -> list[StoredView]:
        """Every stored view's row, in slug order."""
        with self._connect(create=False) as connection:
            if connection is None:
                return []
            found = connection.execute(
                "SELECT slug, text, saved FROM views ORDER BY slug"
            ).fetchall()
        return [StoredView(str(slug), str(text), str(saved)) for slug, text, saved in found]

    def read(self) -> ViewsRead:
        """The stored views that read as views, and the issues of any that do not.

        Each row is read by the rules of a view file (:func:`graph.views.view_from_text`)
        on its own: a row that a person broke by hand is left out with its issues, the
        others stay. Stories are shipped, never stored: ``stories`` is empty.

        Notes
        -----
        Cost O(total size of the views): about 10 ms for 500 views.
        """
        views: dict[str, View] = {}
        issues: list[DataIssue] = []
        for row in self.rows():
            label = _("saved view {name}").format(name=row.slug)
            view, found = view_from_text(row.text, row.slug, label=label)
            if view is not None and not found:
                views[row.slug] = view
            issues.extend(found)
        return ViewsRead(views, {}, issues)

    def text(self, slug: str) -> str | None:
        """The stored TOML of a view, or None if there is no such view."""
        with self._connect(create=False) as connection:
            if connection is None:
                return None
            row = connection.execute("SELECT text FROM views WHERE slug = ?", (slug,)).fetchone()
        return None if row is None else str(row[0])

    def __len__(self) -> int:
        with self._connect(create=False) as connection:
            if connection is None:
                return 0
            row = connection.execute("SELECT count(*) FROM views").fetchone()
        return int(row[0]) if row else 0

    # ----------------------------------------------------------------------- writing

    def save(
        self,
        view: View,
        *,
        overwrite: bool = False,
        G: nx.MultiDiGraph | None = None,
        reserved: Collection[str] = (),
    ) -> StoredView:
        """Store a view, atomically; return its row.

        Parameters
        ----------
        view : View
        overwrite : bool, default False
            Replace a stored view of the same slug.
        G : networkx.MultiDiGraph, optional
            The data's full graph: the view is checked against it as ``validate`` would.
        reserved : collection of str
            Slugs the store must not take (the shipped views', which are read-only).

        Raises
        ------
        ViewRefused
            If the view breaks a rule of the data or takes a reserved slug.
        ViewExists
            If the slug is stored and ``overwrite`` is False (checked inside the write's
            own transaction: two savers of one new name cannot both succeed).
        StoreFull
            If the store holds ``max_views`` views and this one is new.
        StoreError
            If the store cannot be written (full disk, permissions); nothing changed.

        Notes
        -----
        Cost O(size of the view) plus one filtering of ``G``, and one synced write
        (a few milliseconds).
        """
        label = _("saved view {name}").format(name=view.slug)
        if view.slug in reserved:
            message = _("a shipped view is named {name}; give this one another title")
            raise ViewRefused(
                [DataIssue(label, None, "title", message.format(name=repr(view.slug)))]
            )
        issues = check_view(view, G, label=label)
        if issues:
            raise ViewRefused(issues)
        text = view_text(view)
        saved = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect(create=True) as connection:
            assert connection is not None
            connection.execute("BEGIN IMMEDIATE")  # the write lock, before looking
            try:
                exists = connection.execute(
                    "SELECT 1 FROM views WHERE slug = ?", (view.slug,)
                ).fetchone()
                if exists and not overwrite:
                    message = _("a saved view named {name} exists already")
                    raise ViewExists(message.format(name=repr(view.slug)))
                count = connection.execute("SELECT count(*) FROM views").fetchone()
                if not exists and count is not None and count[0] >= self.max_views:
                    message = _(
                        "the view store holds {count} views, its limit; delete "
                        "some with `python -m graph views delete SLUG`"
                    )
                    raise StoreFull(message.format(count=f"{self.max_views:,}"))
                connection.execute(
                    "INSERT INTO views (slug, text, saved) VALUES (?, ?, ?) ON CONFLICT (slug) "
                    "DO UPDATE SET text = excluded.text, saved = excluded.saved",
                    (view.slug, text, saved),
                )
                connection.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        return StoredView(view.slug, text, saved)

    def delete(self, slug: str) -> bool:
        """Remove a stored view; return whether there was one."""
        with self._connect(create=False) as connection:
            if connection is None:
                return False
            connection.execute("BEGIN IMMEDIATE")
            gone = connection.execute("DELETE FROM views WHERE slug = ?", (slug,)).rowcount
            if gone:
                connection.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            connection.execute("COMMIT")
        return bool(gone)


def _prepare(connection: sqlite3.Connection) -> None:
    """Put a store in WAL mode and give it its tables, once, whoever comes first.

    Switching to WAL needs the database to itself, and SQLite answers "database is locked"
    at once, without waiting, to a second process switching at the same moment: so look
    first (WAL stays set in the file), and retry the switch for up to
    :data:`_BUSY_SECONDS`. The tables are made inside ``BEGIN IMMEDIATE``, which waits.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    while connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        return
    connection.execute("BEGIN IMMEDIATE")
    for statement in _SCHEMA:
        connection.execute(statement)
    connection.execute("COMMIT")
