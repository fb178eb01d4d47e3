"""Tests of saved views and stories: the files, their validation, and the shipped story."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.build import build_graph
from graph.cli import main
from graph.filters import FilterSpec, apply_filters
from graph.load import DataError, DataIssue, load_dataset
from graph.views import (
    FILTER_KEYS,
    Story,
    View,
    default_views_dir,
    load_stories,
    load_views,
    read_views,
    save_story,
    save_view,
    slugify,
    story_text,
    story_views,
    validate_views,
    view_from_spec,
    view_from_text,
    view_text,
)

SHIPPED_VIEWS = Path(__file__).resolve().parents[1] / "data" / "views"
STORY = "iran-pakistan-2021"
STORY_ORDER = (
    "whole-picture",
    "military-ties",
    "afghanistan-sides",
    "threats-to-iran",
    "azerbaijan-triangle",
    "tehran-meeting",
    "since-2017",
)


@pytest.fixture(scope="module")
def G():
    return build_graph(load_dataset())


@pytest.fixture
def views_dir(tmp_path: Path) -> Path:
    """A copy of the shipped views, to be broken by the test."""
    return shutil.copytree(SHIPPED_VIEWS, tmp_path / "views")


def replace_line(path: Path, start: str, new: str) -> int:
    """Replace the first line starting with ``start``; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if line.startswith(start):
            lines[number - 1] = new + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise LookupError(f"no line of {path.name} starts with {start!r}")


# --------------------------------------------------------------------------- shipped


def test_shipped_views_and_stories_validate(G):
    assert validate_views(SHIPPED_VIEWS, G) == []


@pytest.mark.parametrize("slug", STORY_ORDER)
def test_every_shipped_view_shows_something(G, slug):
    view = load_views(SHIPPED_VIEWS)[slug]
    H = apply_filters(G, view.spec())
    assert H.number_of_edges() > 0
    assert view.title
    assert view.note
    if view.selection:
        relation_ids = {k for _, _, k in H.edges(keys=True)}
        assert view.selection in H or view.selection in relation_ids


def test_the_shipped_story_briefs_the_source_in_order():
    story = load_stories(SHIPPED_VIEWS)[STORY]
    assert story.views == STORY_ORDER
    assert 5 <= len(story.views) <= 8
    views = story_views(story, load_views(SHIPPED_VIEWS))
    assert [v.slug for v in views] == list(STORY_ORDER)
    assert len({v.title for v in views}) == len(views)


def test_shipped_view_files_are_in_canonical_form():
    views = load_views(SHIPPED_VIEWS)
    for slug, view in views.items():
        assert (SHIPPED_VIEWS / f"{slug}.toml").read_text(encoding="utf-8") == view_text(view)
    for slug, story in load_stories(SHIPPED_VIEWS).items():
        path = SHIPPED_VIEWS / "stories" / f"{slug}.toml"
        assert path.read_text(encoding="utf-8") == story_text(story)


def test_the_views_folder_sits_in_the_data_folder():
    assert default_views_dir("data") == Path("data/views")


# --------------------------------------------------------------------------- writing


NOTES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(title=NOTES.filter(str.strip), note=NOTES)
def test_view_text_reads_back_as_the_same_view(title, note):
    view = View("v", title.strip(), note.strip(), {"types": ["a_b"], "on": ["2021-10"]})
    data = tomllib.loads(view_text(view))
    assert data["title"] == view.title
    assert data.get("note", "") == view.note


def test_long_notes_are_wrapped_with_line_ending_backslashes():
    note = " ".join(["Iran and Pakistan agreed to deepen their defence ties."] * 5)
    text = view_text(View("v", "T", note))
    assert max(len(line) for line in text.splitlines()) <= 88
    assert text.count(" \\\n") >= 2
    assert tomllib.loads(text)["note"] == note


def test_a_view_from_the_page_round_trips_through_its_file(tmp_path):
    spec = FilterSpec(
        types=["tension", "military_cooperation"],
        signs=[-1, 1],
        on="2021-10-27",
        focus=["pakistan", "iran"],
        hops=2,
        min_grade="B3",
        keep_isolates=False,
    )
    view = view_from_spec(
        "Iran\u2013Pakistan, Oct. 2021",
        spec,
        note='A "quoted" note',
        selection="iran",
        compare=("2017", "2021-10-27"),
        connect=("turkey", "jaish-al-adl"),
    )
    assert view.slug == "iran-pakistan-oct-2021"
    assert 'connect = ["turkey", "jaish-al-adl"]' in view_text(view)
    path = save_view(view, tmp_path)
    assert path == tmp_path / "iran-pakistan-oct-2021.toml"
    loaded = load_views(tmp_path)[view.slug]
    assert loaded == view
    assert loaded.spec() == spec
    with pytest.raises(FileExistsError, match="exists already"):
        save_view(view, tmp_path)
    save_view(view, tmp_path, overwrite=True)


def test_filter_keys_follow_the_query_form_of_filter_spec():
    query = FilterSpec(
        types=["x"],
        signs=[1],
        kinds=["state"],
        date_from="2017",
        date_to="2018",
        min_confidence="low",
        min_grade="B2",
        focus=["a"],
        hops=2,
        search="q",
        keep_isolates=False,
    ).to_query()
    assert set(query) <= set(FILTER_KEYS)
    assert "on" in FILTER_KEYS


def test_a_story_saves_and_loads(tmp_path):
    for slug in ("a", "b"):
        save_view(View(slug, slug.upper()), tmp_path)
    story = Story("brief", "Brief", "Two views.", ("b", "a"))
    save_story(story, tmp_path)
    assert load_stories(tmp_path) == {"brief": story}
    assert [v.slug for v in story_views(story, load_views(tmp_path))] == ["b", "a"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Tehran meeting", "the-tehran-meeting"),
        ("Kaboul, été 2021", "kaboul-ete-2021"),
        ("  Iran / Pakistan  ", "iran-pakistan"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "!!!", "\u2013 \u00b7 \u2013"])
def test_slugify_refuses_titles_without_letters_or_digits(title):
    with pytest.raises(ValueError, match="gives no file name"):
        slugify(title)


def test_an_arabic_title_gets_a_stable_file_name_of_its_own():
    # Readers of the Arabic page title their views in Arabic: no Latin letters to keep.
    first, again, other = slugify("إيران"), slugify(" إيران "), slugify("باكستان")
    assert first == again != other
    assert re.fullmatch(r"view-[0-9a-f]{8}", first)
    view = view_from_spec("تقارب عسكري", FilterSpec(signs=[-1]))
    assert view_from_text(view_text(view), view.slug) == (view, [])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"title": " "}, "a view needs a title"),
        ({"title": "T", "slug": "Not A Slug"}, "is not lowercase words"),
        ({"title": "T", "compare": ("2021", "2017")}, "comes after"),
        ({"title": "T", "compare": ("2021-13", "2022")}, "invalid date '2021-13'"),
        ({"title": "T", "connect": ("iran", "iran")}, "two different actors"),
        ({"title": "T", "connect": ("iran",)}, "must be two actor ids"),
    ],
)
def test_view_from_spec_checks_its_input(options, message):
    with pytest.raises(ValueError, match=message):
        view_from_spec(spec=FilterSpec(), **options)


def test_story_views_names_a_missing_view():
    with pytest.raises(KeyError, match="unknown view 'c'; views: a"):
        story_views(Story("s", "S", views=("a", "c")), {"a": View("a", "A")})


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("file", "start", "new", "field", "message"),
    [
        ("military-ties.toml", "title =", "# no title", "title", "missing title"),
        ("military-ties.toml", "types =", 'types = ["military_coop"]', "filters.types",
         "unknown relation type 'military_coop'"),
        ("military-ties.toml", "on =", 'on = "2021-10-32"', "filters.on", "does not parse"),
        ("threats-to-iran.toml", "focus =", 'focus = ["iran", "talibans"]', "filters.focus",
         "unknown actor 'talibans'"),
        ("military-ties.toml", "isolates =", 'colour = "red"', "filters.colour",
         "unknown key 'colour'"),
        ("military-ties.toml", "selection =", 'selection = "R999"', "selection",
         "unknown actor or relation 'R999'"),
        ("military-ties.toml", "selection =", 'selection = "jaish-al-adl"', "selection",
         "'jaish-al-adl' is not in the view its filters give"),
        ("since-2017.toml", "compare =", 'compare = ["2021", "2017"]', "compare",
         "comes after"),
        ("since-2017.toml", "compare =", 'compare = "2017"', "compare", "must be two dates"),
        ("since-2017.toml", "compare =", 'connect = ["iran", "iran"]', "connect",
         "choose two different actors"),
        ("since-2017.toml", "compare =", 'connect = "iran"', "connect", "must be two actor ids"),
        ("since-2017.toml", "compare =", 'connect = ["iran", "atlantis"]', "connect",
         "unknown actor 'atlantis'"),
        ("military-ties.toml", "selection =", 'connect = ["iran", "jaish-al-adl"]', "connect",
         "no relations in the view's filters join 'iran' and 'jaish-al-adl'"),
        ("military-ties.toml", "isolates =", 'min_grade = "A1"', "filters",
         "the view shows no relations: No border security cooperation or military"),
        ("military-ties.toml", "title =", "title = Iran", None, "not valid TOML"),
    ],
)  # fmt: skip
def test_validate_views_names_the_file_line_and_field(
    G, views_dir, file, start, new, field, message
):
    line = replace_line(views_dir / file, start, new)
    issues = validate_views(views_dir, G)
    assert len(issues) == 1, issues
    issue = issues[0]
    assert issue.file == f"views/{file}"
    assert issue.field == field
    assert message in issue.message
    if field == "title":  # a missing key is reported on the first line
        assert issue.line == 1
    elif field != "filters":
        assert issue.line == line


def test_a_story_naming_an_unknown_view_gets_its_line(G, views_dir):
    story = views_dir / "stories" / f"{STORY}.toml"
    line = replace_line(story, '  "tehran-meeting",', '  "tehran-meting",')
    assert validate_views(views_dir, G) == [
        DataIssue(
            f"views/stories/{STORY}.toml",
            line,
            "views",
            "unknown view 'tehran-meting'; views: " + ", ".join(sorted(STORY_ORDER)),
        )
    ]
    with pytest.raises(DataError, match="unknown view 'tehran-meting'"):
        load_stories(views_dir)


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ('note = "x"\nviews = ["whole-picture"]\n', "title", "missing title"),
        ('title = "T"\nviews = []\n', "views", "at least one view"),
        ('title = "T"\n', "views", "missing views"),
        ('title = "T"\nviews = "whole-picture"\n', "views", "array of view names"),
    ],
)
def test_story_problems_are_reported(views_dir, text, field, message):
    (views_dir / "stories" / "broken.toml").write_text(text, encoding="utf-8")
    issues = validate_views(views_dir)
    assert [(i.file, i.field) for i in issues] == [("views/stories/broken.toml", field)]
    assert message in issues[0].message


def test_files_that_cannot_be_read_are_reported(views_dir):
    (views_dir / "Bad Name.toml").write_text('title = "T"\n', encoding="utf-8")
    (views_dir / "latin.toml").write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    messages = {i.file: i.message for i in validate_views(views_dir)}
    assert "lowercase words" in messages["views/Bad Name.toml"]
    assert "not UTF-8" in messages["views/latin.toml"]


def test_a_missing_views_folder_has_no_issues(tmp_path, G):
    assert validate_views(tmp_path / "nowhere", G) == []
    assert load_views(tmp_path / "nowhere") == {}


def test_load_views_raises_every_issue(views_dir):
    replace_line(views_dir / "military-ties.toml", "title =", "")
    replace_line(views_dir / "since-2017.toml", "compare =", 'compare = ["soon", "2017"]')
    with pytest.raises(DataError) as caught:
        load_views(views_dir)
    assert [i.file for i in caught.value.issues] == [
        "views/military-ties.toml",
        "views/since-2017.toml",
    ]


# --------------------------------------------------------------------------- command line


def test_validate_command_checks_the_views(broken_copy, capsys):
    assert main(["validate", str(broken_copy.path)]) == 0
    assert ": valid — " in capsys.readouterr().out
    line = replace_line(
        broken_copy.path / "views" / "tehran-meeting.toml", "types =", 'types = ["talks"]'
    )
    assert main(["validate", str(broken_copy.path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"views/tehran-meeting.toml:{line}: filters.types: unknown relation type 'talks'",
        f"{broken_copy.path}/: invalid — 1 issue",
    ]


def test_validate_command_checks_views_when_the_tables_are_broken(broken_copy, capsys):
    broken_copy.set_cells("relations.csv", {"target": "nobody"})
    replace_line(broken_copy.path / "views" / "tehran-meeting.toml", "title =", "")
    assert main(["validate", str(broken_copy.path)]) == 1
    out = capsys.readouterr().out
    assert "relations.csv:2: target" in out
    assert "views/tehran-meeting.toml:1: title: missing title" in out


# --------------------------------------------------------------------------- reading safely


def test_deep_nesting_is_a_located_issue_never_a_recursion_error(G, views_dir):
    (views_dir / "deep.toml").write_text('title = "Deep"\n\nnote = ' + "[" * 30_000 + "\n")
    issues = validate_views(views_dir, G)
    assert [str(i) for i in issues] == ["views/deep.toml:3: not readable: values nested too deeply"]
    assert list(read_views(views_dir).views) == sorted(STORY_ORDER)


def test_an_oversized_view_file_is_not_read(views_dir):
    (views_dir / "huge.toml").write_text('title = "Huge"\nnote = "' + "x" * 100_000 + '"\n')
    assert [i.message for i in validate_views(views_dir)] == [
        "too large to be a view (100,025 bytes; at most 65,536)"
    ]


def test_a_view_file_that_leads_outside_the_folder_is_refused(views_dir, tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text('title = "Not ours"\n')
    (views_dir / "linked.toml").symlink_to(outside)
    (views_dir / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    messages = {i.file: i.message for i in validate_views(views_dir)}
    assert messages["views/linked.toml"].startswith("refused: the file leads outside")
    assert messages["views/dangling.toml"].startswith("refused: the file leads outside")
    assert "linked" not in read_views(views_dir).views


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "title: missing title"),
        ('title = "W', 1, "not valid TOML: Unterminated string"),
        ('title = "Half"\n[filters]\ntypes = ["mili', 3, "not valid TOML"),
    ],
    ids=["empty", "cut-in-title", "cut-in-filters"],
)
def test_one_bad_file_never_hides_the_others(views_dir, text, line, message):
    (views_dir / "zz.toml").write_text(text)
    views, stories, issues = read_views(views_dir)
    assert sorted(views) == sorted(STORY_ORDER)
    assert list(stories) == [STORY]
    assert [(i.file, i.line) for i in issues] == [("views/zz.toml", line)]
    assert message in str(issues[0])


def test_a_story_is_left_out_when_one_of_its_views_is(views_dir):
    (views_dir / "tehran-meeting.toml").write_text("")
    views, stories, issues = read_views(views_dir)
    assert "tehran-meeting" not in views
    assert stories == {}
    assert [i.file for i in issues] == [
        "views/stories/iran-pakistan-2021.toml",
        "views/tehran-meeting.toml",
    ]
    assert "its view 'tehran-meeting' could not be read" in issues[0].message


def test_the_brief_command_leaves_out_a_bad_view_and_briefs_the_rest(broken_copy, capsys, tmp_path):
    views = broken_copy.path / "views"
    (views / "deep.toml").write_text("note = " + "[" * 30_000)
    out = tmp_path / "brief.html"
    args = [
        "brief",
        "--view",
        "military-ties",
        "--data",
        str(broken_copy.path),
        "--output",
        str(out),
    ]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "views/deep.toml:1: not readable: values nested too deeply" in err
    assert out.stat().st_size > 0
    assert main(["validate", str(broken_copy.path)]) == 1
    assert "views/deep.toml:1: not readable" in capsys.readouterr().out


@pytest.mark.parametrize("overwrite", [False, True])
def test_saving_a_view_file_is_atomic_and_never_overwrites_unasked(tmp_path, overwrite):
    first = View("v", "First")
    save_view(first, tmp_path)
    if not overwrite:
        with pytest.raises(FileExistsError, match="a view named 'v' exists already"):
            save_view(View("v", "Second"), tmp_path)
    else:
        save_view(View("v", "Second"), tmp_path, overwrite=True)
    assert load_views(tmp_path)["v"].title == ("Second" if overwrite else "First")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.toml"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    save_view(View("v", "First"), tmp_path)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("graph.views.writing.os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_view(View("v", "Second"), tmp_path, overwrite=True)
    assert load_views(tmp_path)["v"].title == "First"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.toml"]
