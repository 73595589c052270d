"""`postkit batch`: readers, row validation, file names, output and exit codes."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import REPO, run_postkit
from postkit.batch.files import MANIFEST, OutputFolder, post_stem, safe_stem
from postkit.batch.inputs import ROW_KEYS, BatchInput, RawRow
from postkit.batch.rows import BatchRow, validate_row
from postkit.batch.run import run_batch
from postkit.cli import app
from postkit.drafting import draft_post
from postkit.errors import InputError, OutputError
from postkit.model import DraftOptions

runner = CliRunner()

CSV = (
    "id,topic,platform,seed,date\n"
    "day-1,generative ai,linkedin,1,2026-12-01\n"
    ",kubernetes,linkedin,2,\n"
    ",kubernetes,linkedin,3,\n"
)


def rows_of(path: Path, fmt: str | None = None) -> list[RawRow]:
    with BatchInput(path, fmt) as source:
        source.check()
        return list(source.rows())


def manifest(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


# --- file names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stem"),
    [
        ("day-1", "day-1"),
        ("../../etc/passwd", "etc-passwd"),
        ("/etc/passwd", "etc-passwd"),
        ("C:\\Windows\\system32", "C-Windows-system32"),
        ("a\x00b", "a-b"),
        ("..", "post"),
        ("", "post"),
        (".hidden", "hidden"),
        ("trailing. ", "trailing"),
        ("CON", "_CON"),
        ("nul.linkedin", "_nul.linkedin"),
        ("com1", "_com1"),
        ("LPT9.txt", "_LPT9.txt"),
        ("console", "console"),
        ("．．／x", "x"),  # fullwidth dots and slash
        ("Café au lait", "Café-au-lait"),
        ("a\u202eb", "a-b"),  # right-to-left override
    ],
)
def test_safe_stem(raw: str, stem: str) -> None:
    assert safe_stem(raw) == stem


def test_long_names_are_cut_inside_the_byte_budget() -> None:
    assert len(safe_stem("é" * 400).encode("utf-8")) <= 150
    assert safe_stem("é" * 400) == "é" * 75


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_name_leaves_the_folder(raw: str) -> None:
    folder = Path("/srv/posts")
    for stem in (safe_stem(raw), post_stem(post_id=None, topic=raw, page=None, platform="x")):
        name = f"{stem}-2.txt"
        assert stem and not stem.startswith(".")
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert (folder / name).parent == folder
        assert len(f".{name}.4194304.postkit-tmp".encode()) <= 255


def test_file_names_come_from_id_else_topic_and_platform() -> None:
    assert post_stem(post_id="day 1", topic="x", page=None, platform="x") == "day-1"
    name = post_stem(post_id=None, topic="Generative AI", page=None, platform="linkedin")
    assert name == "generative-ai.linkedin"
    page = post_stem(post_id=None, topic=None, page=Path("notes/K8s tips.md"), platform="x")
    assert page == "k8s-tips.x"


def test_collisions_get_a_suffix_and_existing_files_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    with OutputFolder(tmp_path) as folder:
        assert folder.name_for("a") == "a-2.txt"
        assert folder.name_for("A") == "A-3.txt"  # case-insensitive file systems
        assert folder.name_for("b") == "b.txt"
        assert folder.name_for("b") == "b-2.txt"
    with OutputFolder(tmp_path, skip_existing=True) as folder:
        assert folder.name_for("a") == "a.txt"  # the same names again: resumable
        assert folder.exists("a.txt")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("old post\n", encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    with OutputFolder(tmp_path) as folder:
        monkeypatch.setattr("postkit.batch.files.os.fsync", full_disk)
        with pytest.raises(OutputError, match="No space left on device"):
            folder.write("a.txt", "new post\n")
        monkeypatch.undo()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old post\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", MANIFEST]


def test_writes_never_follow_a_planted_symlink(tmp_path: Path) -> None:
    import os

    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / f".a.txt.{os.getpid()}.postkit-tmp").symlink_to(outside)
    (posts / "b.txt").symlink_to(outside)
    with OutputFolder(posts) as folder:
        folder.write("a.txt", "post a\n")
        folder.write("b.txt", "post b\n")
    assert outside.read_text(encoding="utf-8") == "keep me\n"
    assert (posts / "a.txt").read_text(encoding="utf-8") == "post a\n"
    assert not (posts / "b.txt").is_symlink()


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"), OutputFolder(tmp_path / "taken"):
        pass


# --- readers --------------------------------------------------------------------------


def test_every_input_format_gives_the_same_rows(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("topic,seed\ngenerative ai,1\n\nkubernetes,\n", "utf-8")
    (tmp_path / "a.jsonl").write_text(
        '{"topic": "generative ai", "seed": "1"}\n\n{"topic": "kubernetes"}\n', "utf-8"
    )
    (tmp_path / "a.yaml").write_text(
        "- topic: generative ai\n  seed: '1'\n- topic: kubernetes\n", "utf-8"
    )
    (tmp_path / "a.txt").write_text("# a month\ngenerative ai\n\nkubernetes\n", "utf-8")
    expected = [{"topic": "generative ai", "seed": "1"}, {"topic": "kubernetes"}]
    for name in ("a.csv", "a.jsonl", "a.yaml"):
        assert [row.data for row in rows_of(tmp_path / name)] == expected, name
    plain = rows_of(tmp_path / "a.txt")
    assert [(row.number, row.line, row.data) for row in plain] == [
        (1, 2, {"topic": "generative ai"}),
        (2, 4, {"topic": "kubernetes"}),
    ]
    assert [row.line for row in rows_of(tmp_path / "a.csv")] == [2, 4]
    assert [row.line for row in rows_of(tmp_path / "a.yaml")] == [1, 3]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"topic\r\nk\xc3\xa4se\r\n",
        codecs.BOM_UTF16_LE + "topic\r\nkäse\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "topic\nkäse\n".encode("utf-16-be"),
        b"topic\rk\xc3\xa4se\r",
    ],
)
def test_csv_encodings_and_line_ends(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "in.csv").write_bytes(data)
    assert [row.data for row in rows_of(tmp_path / "in.csv")] == [{"topic": "käse"}]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "colour\nred\n", "a.csv:1: unknown column 'colour'"),
        ("a.csv", "id,platform\n1,x\n", "needs a 'topic' or a 'from' column"),
        ("a.csv", "topic,topic\nx,y\n", "column 'topic' appears twice"),
        ("a.csv", 'topic\n"unclosed\n', "not valid CSV"),
        ("a.jsonl", '{"topic": "x"}\n{"topic": \n', "a.jsonl:2: not valid JSON"),
        ("a.jsonl", '{"topic": "x", "seed": ' + "9" * 5000 + "}\n", "a.jsonl:1: not valid JSON"),
        ("a.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", "a.jsonl:1: not valid JSON"),
        ("a.yaml", "topic: x\n", "a.yaml:1: expected a list of rows"),
        ("a.yaml", "- topic: [x\n", "not valid YAML"),
        ("a.yaml", "- &a {topic: x}\n- *a\n", "aliases (*name) are not allowed"),
        ("a.yaml", "- topic: x\n---\n- topic: y\n", "more than one YAML document"),
        ("a.txt", "kubernetes\nbad\x00\n", "a.txt:2: contains NUL bytes"),
        ("a.bin", "x", "cannot tell the format"),
    ],
)
def test_malformed_input_is_one_input_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        rows_of(path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"kubernetes\ndevops\nbad \xff\n")
    with pytest.raises(InputError, match=r"a\.txt:3: not valid UTF-8"):
        rows_of(tmp_path / "a.txt")


def test_rows_are_read_lazily(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("topic\n" + "generative ai\n" * 200_000, encoding="utf-8")
    with BatchInput(path) as source:
        rows = source.rows()
        next(rows)
        binary = source._binary
        assert binary is not None
        assert binary.tell() < 100_000 < path.stat().st_size
        del rows


def test_empty_inputs_have_no_rows(tmp_path: Path) -> None:
    for name in ("a.csv", "a.jsonl", "a.yaml", "a.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
        assert rows_of(tmp_path / name) == []
    (tmp_path / "h.csv").write_text("topic,platform\n", encoding="utf-8")
    assert rows_of(tmp_path / "h.csv") == []


# --- rows -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"topic": "x", "colour": "red"}, "unknown key 'colour'"),
        ({"topic": "x", "from": "a.md"}, "give a topic or a from page"),
        ({"id": "x"}, "give a topic or a from page"),
        ({"topic": "x", "seed": "abc"}, "seed: "),
        ({"topic": "x", "platform": "myspace"}, "platform: unknown platform 'myspace'"),
        ({"topic": "x", "emoji": "lots"}, "emoji: "),
        ({"topic": "x", "date": "tomorrow"}, "date: "),
        ({"topic": 5}, "topic: "),
    ],
)
def test_bad_rows_are_explained(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_row(data)
    assert caught.value.message.startswith(problem)


# Values as CSV, JSON Lines and YAML rows hold them, and the odd ones around them.
ODD_TEXT = st.one_of(
    st.sampled_from(
        ["generative ai", " kubernetes ", "X", " LinkedIn", "myspace", "rich", "none", "RICH",
         " rich", "7", " 7 ", "007", "-3", "+4", "1_000", "7.0", "\u0663", "9" * 20, "", "   ",
         "2026-12-01", " 2026-12-01", "2026-02-30", "20261201", "#AI, #ML x", "notes/a.md",
         "\x1ctopic\x1f", "\u00a0x\u2003", "a\x00b", "\u180ex", "professional"]
    ),
    st.text(max_size=8),
)  # fmt: skip
ODD_VALUE = st.one_of(
    ODD_TEXT,
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.lists(ODD_TEXT, max_size=3),
    st.dates(),
    st.datetimes(),
)
# Mostly good rows (one source, known keys), so both paths get to agree on values.
OTHER_KEYS = [key for key in (*ROW_KEYS, "colour") if key not in ("topic", "from")]
ROWS = st.one_of(
    st.fixed_dictionaries({"topic": ODD_TEXT}, optional=dict.fromkeys(OTHER_KEYS, ODD_VALUE)),
    st.fixed_dictionaries({"from": ODD_TEXT}, optional=dict.fromkeys(OTHER_KEYS, ODD_VALUE)),
    st.dictionaries(st.sampled_from([*ROW_KEYS, "colour"]), ODD_VALUE, max_size=5),
)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(ROWS)
def test_plain_rows_are_validated_exactly_as_pydantic_validates_them(data: dict[str, Any]) -> None:
    """The fast path for plain rows gives pydantic's row, or leaves the row to pydantic."""
    from pydantic import ValidationError

    from postkit.batch.rows import plain_row, row_model

    fast = plain_row(data)
    try:
        model = row_model().model_validate(data)
    except ValidationError:
        assert fast is None
        return
    if fast is not None:
        fields = ("topic", "from_", "id", "platform", "tone", "emoji", "seed", "cta", "hashtags")
        assert fast == BatchRow(**{name: getattr(model, name) for name in fields}, date=model.date)


def test_a_csv_batch_skips_pydantic_and_yaml(tmp_path: Path) -> None:
    """Plain rows are checked by hand: pydantic and PyYAML cost a third of the start-up."""
    rows = tmp_path / "rows.csv"
    rows.write_text("topic,platform,seed,id,date\ndevops,x,3,a,2026-01-02\nagile,,4,7,\n", "utf-8")
    code = (
        "import sys\n"
        f"sys.argv = ['postkit', 'batch', {str(rows)!r}, '--format', 'jsonl']\n"
        "from postkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules)))\n"
    )
    run_postkit("batch", str(rows), "--format", "jsonl")  # fills the topic cache
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stderr.decode().endswith("[]"), result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_row_values_override_the_defaults() -> None:
    row = validate_row(
        {"topic": "k8s", "platform": "X", "seed": "7", "hashtags": "#a, b c", "id": 12}
    )
    options = row.options(DraftOptions(platform="linkedin", tone="punchy", seed=1))
    assert (options.platform, options.tone, options.seed) == ("x", "punchy", 7)
    assert options.hashtags == ("#a", "b", "c")
    assert row.id == "12"


# --- the command ----------------------------------------------------------------------


def test_batch_writes_one_file_per_post_and_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "month.csv").write_text(CSV, encoding="utf-8")
    out = tmp_path / "posts"
    result = runner.invoke(app, ["batch", str(tmp_path / "month.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "day-1.txt",
        "kubernetes.linkedin-2.txt",
        "kubernetes.linkedin.txt",
        MANIFEST,
    ]
    expected = draft_post("kubernetes", DraftOptions(seed=3)).text
    assert (out / "kubernetes.linkedin-2.txt").read_text(encoding="utf-8") == expected
    entries = manifest(out)
    assert [(e["row"], e["line"], e["status"], e["file"]) for e in entries] == [
        (1, 2, "ok", "day-1.txt"),
        (2, 3, "ok", "kubernetes.linkedin.txt"),
        (3, 4, "ok", "kubernetes.linkedin-2.txt"),
    ]
    assert entries[0]["date"] == "2026-12-01" and entries[0]["problems"] == []
    assert entries[0]["length"] <= entries[0]["limit"] == 3000
    assert "3 posts written" in result.stderr


def test_bad_rows_fail_alone_with_exit_1(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text(
        '{"topic": "generative ai", "seed": 1}\n'
        '{"topic": "no such topic at all"}\n'
        '{"topic": "kubernetes", "seed": "soon"}\n'
        '["not", "an", "object"]\n'
        '{"from": "missing.md"}\n'
        '{"from": "bad\\u0000name.md"}\n'
        '{"topic": "kubernetes", "platform": "x", "seed": 2}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(tmp_path / "m.jsonl"), "-o", str(out)])
    assert result.exit_code == 1
    statuses = [(e["row"], e["status"]) for e in manifest(out)]
    assert statuses == [
        (1, "ok"),
        (2, "failed"),
        (3, "failed"),
        (4, "failed"),
        (5, "failed"),
        (6, "failed"),
        (7, "ok"),
    ]
    errors = result.stderr
    assert "m.jsonl:2: row 2: unknown topic 'no such topic at all'" in errors
    assert "m.jsonl:3: row 3: seed: " in errors
    assert "m.jsonl:4: row 4: expected a JSON object" in errors
    assert "m.jsonl:5: row 5: " in errors and "missing.md" in errors
    assert "m.jsonl:6: row 6: " in errors and "not a usable file name" in errors
    assert "internal error" not in errors
    assert "2 posts written" in errors and "5 failed" in errors
    assert sorted(p.name for p in out.glob("*.txt")) == [
        "generative-ai.linkedin.txt",
        "kubernetes.x.txt",
    ]


def test_a_malformed_file_exits_2_before_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text(
        '{"topic": "generative ai"}\n' * 50 + "{oops\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(tmp_path / "m.jsonl"), "-o", str(out)])
    assert result.exit_code == 2
    assert "m.jsonl:51: not valid JSON" in result.stderr
    assert not out.exists()
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope.csv"), "-o", str(out)])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "text"], "give -o DIR"),
        (["--format", "jsonl", "-o", "d"], "leave out -o"),
        (["--skip-existing"], "--skip-existing needs -o DIR"),
        (["--emoji", "lots"], "--emoji"),
        (["--platform", "myspace"], "--platform: 'myspace' is not a platform"),
        (["--input-format", "xml"], "--input-format"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["rows.txt", "-o", ""], "--output: give a folder, not an empty string"),
        (["", "-o", "out"], "INPUT: give a file (or - for stdin), not an empty string"),
    ],
    ids=["output", "input"],
)
def test_an_empty_path_is_refused_not_taken_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], line: str
) -> None:
    """issue 22: ``-o ''`` (an unset ``$OUT``) wrote the posts and manifest.jsonl
    into the current folder, exit 0."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.txt").write_text("genai\nkubernetes\n", encoding="utf-8")
    result = run_postkit("batch", *args)
    assert result.returncode == 2
    assert result.stderr.decode() == f"postkit: error: {line}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["rows.txt"]


def test_jsonl_streams_posts_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "- {topic: generative ai, seed: 4, id: a, date: 2026-12-02}\n"
        "- {topic: nope}\n"
        "- {topic: devops, platform: mastodon, seed: 5}\n",
        encoding="utf-8",
    )
    result = run_postkit("batch", str(tmp_path / "m.yaml"), "--format", "jsonl")
    assert result.returncode == 1
    objects = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [(o["row"], o["id"], o["date"], o["platform"]) for o in objects] == [
        (1, "a", "2026-12-02", "linkedin"),
        (3, None, None, "mastodon"),
    ]
    assert objects[0]["text"] == draft_post("generative ai", DraftOptions(seed=4)).text
    stderr = result.stderr.decode("utf-8")
    assert "row 2: unknown topic 'nope'" in stderr
    assert "\x1b[" not in stderr and "drafting" not in stderr  # no progress off a terminal


def test_stdin_plain_lines_and_flag_defaults() -> None:
    result = run_postkit(
        "batch", "-", "--platform", "bluesky", "--seed", "9", "--emoji", "none",
        input="generative ai\nkubernetes\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    options = DraftOptions(platform="bluesky", seed=9, emoji="none")
    assert [o["text"] for o in objects] == [
        draft_post("generative ai", options).text,
        draft_post("kubernetes", options).text,
    ]


def test_defaults_come_from_the_environment_and_user_topics_are_found(
    tmp_path: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated_user / "topics").mkdir()
    (isolated_user / "topics" / "sourdough.md").write_text(
        "---\ntitle: Sourdough\nsummary: Sourdough is bread raised by wild yeast.\n---\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("POSTKIT_PLATFORM", "mastodon")
    (tmp_path / "a.txt").write_text("sourdough\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    post = json.loads(result.stdout)
    assert (post["topic"], post["platform"]) == ("Sourdough", "mastodon")
    assert "wild yeast" in post["text"]


def test_from_pages_are_found_next_to_the_input(tmp_path: Path) -> None:
    notes = tmp_path / "plan" / "notes"
    notes.mkdir(parents=True)
    (notes / "tea.md").write_text(
        "# Green tea\n\nGreen tea is tea whose leaves were not oxidised. 🍵\n\n"
        "## Tips\n\n- Brew it below boiling.\n- Steep it for two minutes.\n",
        encoding="utf-8",
    )
    (tmp_path / "plan" / "rows.csv").write_text("from,seed\nnotes/tea.md,1\n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(tmp_path / "plan" / "rows.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "tea.linkedin.txt").read_text(encoding="utf-8")
    assert "Green tea is tea whose leaves were not oxidised" in text


def _garbled_rocket_page(path: Path) -> str:
    """A page whose 🚀 was read as Windows-1252 ("ðŸš€"), for the repair to find;
    the garbled rocket."""
    pytest.importorskip("postkit.mojibake.repair")
    rocket = "🚀".encode().decode("cp1252")
    path.write_text(
        f"# Rockets\n\nRockets carry things to orbit {rocket} on a column of fire.\n",
        encoding="utf-8",
    )
    return rocket


def test_garbled_pages_are_repaired_and_said(tmp_path: Path) -> None:
    rocket = _garbled_rocket_page(tmp_path / "page.md")
    (tmp_path / "rows.jsonl").write_text('{"from": "page.md"}\n', encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "rows.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    post = json.loads(result.stdout)
    assert "orbit 🚀 on a column" in post["text"] and rocket not in post["text"]
    assert "page.md: repaired 1 garbled" in result.stderr


def test_rerun_without_skip_existing_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\n", encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.txt")) == [
        "kubernetes.linkedin-2.txt",
        "kubernetes.linkedin.txt",
    ]
    assert [e["file"] for e in manifest(out)] == ["kubernetes.linkedin-2.txt"]


def test_skip_existing_keeps_finished_posts_and_drafts_the_rest(tmp_path: Path) -> None:
    (tmp_path / "month.csv").write_text(CSV, encoding="utf-8")
    out = tmp_path / "posts"
    args = ["batch", str(tmp_path / "month.csv"), "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    (out / "day-1.txt").write_text("edited by hand\n", encoding="utf-8")
    (out / "kubernetes.linkedin-2.txt").unlink()
    result = runner.invoke(app, [*args, "--skip-existing"])
    assert result.exit_code == 0, result.output
    assert (out / "day-1.txt").read_text(encoding="utf-8") == "edited by hand\n"
    assert [(e["status"], e["file"]) for e in manifest(out)] == [
        ("skipped", "day-1.txt"),
        ("skipped", "kubernetes.linkedin.txt"),
        ("ok", "kubernetes.linkedin-2.txt"),
    ]
    assert "1 posts written" in result.stderr and "2 skipped" in result.stderr


def test_threads_are_one_file_with_a_rule_between_parts(tmp_path: Path) -> None:
    post = draft_post("generative ai", DraftOptions(platform="x", seed=1))
    parts = tuple(getattr(post, "parts", ()))
    if len(parts) < 2:
        pytest.skip("this Post has no thread parts")
    text = post.published_text()
    assert text.split("\n\n---\n\n") == [part.strip("\n") for part in parts[:-1]] + [
        parts[-1].strip("\n") + "\n"
    ]


def test_library_use_without_the_cli(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("generative ai\nunknown thing\n", encoding="utf-8")
    with BatchInput(tmp_path / "a.txt") as source:
        assert source.check() == 2
        results = list(run_batch(source, DraftOptions(seed=2)))
    assert [r.status for r in results] == ["ok", "failed"]
    assert results[0].post is not None
    assert results[0].post.text == draft_post("generative ai", DraftOptions(seed=2)).text


def run_on_terminal(args: list[str], stream: str) -> tuple[int, str, bytes]:
    """Run postkit with ``stream`` (stdout or stderr) on a real terminal (a pty) and the
    other one piped: the exit code, what the terminal showed and the piped bytes."""
    import os
    import pty

    controller, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "NO_COLOR": "1"}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: terminal}
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", *args],
        stdin=subprocess.DEVNULL,
        stdout=streams["stdout"],
        stderr=streams["stderr"],
        env=env,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    stdout, stderr = process.communicate(timeout=30)
    shown = b"".join(chunks).decode("utf-8", errors="replace")
    return process.returncode, shown, stdout if stream == "stderr" else stderr


def test_progress_and_summary_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("generative ai\nkubernetes\nnot a topic here\n", "utf-8")
    out = tmp_path / "out"
    code, shown, stdout = run_on_terminal(
        ["batch", str(tmp_path / "a.txt"), "-o", str(out)], "stderr"
    )
    assert code == 1
    assert stdout == b""  # progress and summary never touch stdout
    assert "drafting" in shown and "3/3" in shown  # the progress bar with its count
    assert "ok" in shown and "failed" in shown and "skipped" in shown  # the summary table
    # The failed row is listed once, with its line, as it fails; not again in the summary.
    assert shown.count("not a topic here") == 1
    assert "a.txt:3: row 3: unknown topic 'not a topic here'" in shown
    assert "postkit: 2 posts written to" in shown and "1 failed" in shown


def test_batch_to_a_terminal_without_o_asks_what_was_meant(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\n", "utf-8")
    code, shown, stderr = run_on_terminal(["batch", str(tmp_path / "a.txt")], "stdout")
    assert code == 2
    assert shown == ""  # not one JSON line poured onto the screen
    assert stderr.decode() == (
        "postkit: error: give -o DIR to write one file per post, "
        "or --format jsonl to print JSON lines\n"
    )


def test_batch_to_a_terminal_prints_json_lines_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\n", "utf-8")
    code, shown, _ = run_on_terminal(["batch", str(tmp_path / "a.txt"), "-f", "jsonl"], "stdout")
    assert code == 0
    assert json.loads(shown.strip())["topic"] == "Kubernetes"


def test_batch_piped_without_o_prints_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\ndevops\n", "utf-8")
    result = run_postkit("batch", str(tmp_path / "a.txt"))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["topic"] for row in rows] == ["Kubernetes", "DevOps"]


def test_batch_help_says_what_the_defaults_do() -> None:
    shown = runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "250"}).stdout
    assert "text: one file per post in -o DIR (the default with -o)" in shown
    assert "jsonl: one JSON object per post on stdout (the default when piped without -o)" in shown


# --- worker processes (--jobs) --------------------------------------------------------

# Enough rows for workers (see MIN_ROWS_FOR_WORKERS): platforms, pages and ids in turn,
# names that collide, and bad rows of every kind, each failing in a different place.
BAD_ROWS = {
    37: "not a topic here,linkedin,1,,",  # unknown topic: fails while drafting
    90: "kubernetes,linkedin,abc,,",  # a bad seed: fails validation
    151: "devops,myspace,2,,",  # an unknown platform
    222: ",,3,,notes/missing.md",  # a page that is not there
    300: "kubernetes,x,4,day-1,",  # an id that a row before it has: a -2 name
}


def many_rows(folder: Path, count: int = 420) -> Path:
    (folder / "notes").mkdir()
    (folder / "notes" / "tea.md").write_text(
        "# Green tea\n\nGreen tea is tea whose leaves were not oxidised. 🍵\n", "utf-8"
    )
    topics = ["generative ai", "kubernetes", "devops", "agile"]
    platforms = ["linkedin", "x", "mastodon", "bluesky", "threads"]
    lines = ["topic,platform,seed,id,from"]
    for number in range(1, count + 1):
        if number in BAD_ROWS:
            lines.append(BAD_ROWS[number])
        elif number % 7 == 0:
            lines.append(f",,{number},,notes/tea.md")
        else:
            row_id = "day-1" if number == 5 else ""
            topic, platform = topics[number % 4], platforms[number % 5]
            lines.append(f"{topic},{platform},{number},{row_id},")
    (folder / "rows.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "rows.csv"


def test_workers_print_the_same_lines_in_the_same_order(tmp_path: Path) -> None:
    rows = many_rows(tmp_path)
    one = run_postkit("batch", str(rows), "--format", "jsonl", "--jobs", "1")
    two = run_postkit("batch", str(rows), "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 1, two.stderr
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr  # each failure, with its row and line, in order
    printed = [json.loads(line)["row"] for line in two.stdout.splitlines()]
    assert printed == [n for n in range(1, 421) if n not in BAD_ROWS or n == 300]
    failures = [line for line in two.stderr.decode().splitlines() if ": row " in line]
    assert [int(line.split(": row ")[1].split(":")[0]) for line in failures] == [37, 90, 151, 222]
    assert "row 90: seed: " in two.stderr.decode()


def test_workers_write_the_same_files_and_manifest(tmp_path: Path) -> None:
    rows = many_rows(tmp_path)
    for jobs in ("1", "2"):
        result = run_postkit("batch", str(rows), "-o", str(tmp_path / jobs), "--jobs", jobs)
        assert result.returncode == 1, result.stderr
    one, two = tmp_path / "1", tmp_path / "2"
    assert sorted(p.name for p in two.iterdir()) == sorted(p.name for p in one.iterdir())
    for path in one.iterdir():
        assert (two / path.name).read_bytes() == path.read_bytes(), path.name
    assert (two / "day-1-2.txt").exists()  # names handed out in input order
    assert len(manifest(two)) == 420


def test_workers_resume_with_skip_existing(tmp_path: Path) -> None:
    rows = many_rows(tmp_path)
    out = tmp_path / "out"
    assert run_postkit("batch", str(rows), "-o", str(out)).returncode == 1
    reference = {p.name: p.read_bytes() for p in out.glob("*.txt")}
    removed = sorted(reference)[::3]
    for name in removed:
        (out / name).unlink()
    result = run_postkit("batch", str(rows), "-o", str(out), "--skip-existing", "--jobs", "2")
    assert result.returncode == 1, result.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.txt")} == reference
    statuses = [entry["status"] for entry in manifest(out)]
    assert statuses.count("ok") == len(removed)
    assert statuses.count("skipped") == len(reference) - len(removed)
    assert statuses.count("failed") == 4


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kubernetes\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text('{"row": 1}\n', encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "0"])
    assert result.exit_code == 2
    assert result.stderr == "postkit: error: --jobs: give 1 or more processes, not 0\n"
    assert (out / MANIFEST).read_text(encoding="utf-8") == '{"row": 1}\n'  # untouched


def test_help_tells_about_jobs() -> None:
    from postkit.batch.run import MIN_ROWS_FOR_WORKERS

    result = runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "200"})
    assert "--jobs" in result.stdout
    assert f"under {MIN_ROWS_FOR_WORKERS} rows" in result.stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--jobs N" in readme and f"A batch of {MIN_ROWS_FOR_WORKERS} rows or more" in readme


def test_library_results_are_the_same_with_workers(tmp_path: Path) -> None:
    rows = many_rows(tmp_path)
    results = {}
    for jobs in (1, 2):
        with BatchInput(rows) as source:
            source.check()
            results[jobs] = list(run_batch(source, DraftOptions(), jobs=jobs))
    assert results[2] == results[1]
    assert [r.row for r in results[2]] == list(range(1, 421))
    assert all(r.post is not None for r in results[2] if r.status == "ok")


def test_lean_results_from_workers_carry_the_json_line_only(tmp_path: Path) -> None:
    # What `postkit batch --format jsonl` asks for: the post stays in the worker,
    # its JSON line comes back, the same line one process would make.
    rows = many_rows(tmp_path)
    with BatchInput(rows) as source:
        source.check()
        full = list(run_batch(source, DraftOptions(), jobs=1))
    with BatchInput(rows) as source:
        source.check()
        lean = list(run_batch(source, DraftOptions(), jobs=2, lean=True))
    assert [(r.row, r.status) for r in lean] == [(r.row, r.status) for r in full]
    assert [r.json_text for r in lean if r.status == "ok"] == [
        r.json_text for r in full if r.status == "ok"
    ]
    assert sum(r.post is None for r in lean) > len(lean) // 2  # drafted in the workers
    assert all(r.post is not None for r in full if r.status == "ok")


def test_a_repaired_page_is_reported_once_with_workers(tmp_path: Path) -> None:
    _garbled_rocket_page(tmp_path / "page.md")
    lines = [f'{{"from": "page.md", "seed": {seed}}}' for seed in range(400)]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_postkit("batch", str(tmp_path / "rows.jsonl"), "--format", "jsonl", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().count("page.md: repaired 1 garbled") == 1
    assert len(result.stdout.splitlines()) == 400


# --- drafting shortcuts the batch relies on ---------------------------------------------

# Pieces of section text: shortcodes, emoji with and without U+FE0F, keycaps, ZWJ,
# combining marks and Hangul jamo that compose, and line breaks between them.
SECTION_PIECES = ["a", " ", "!", ":", "rocket", "warning", "keycap_1", "\n", "\u26a0",
                  "\ufe0f", "\u20e3", "1", "#", "e", "\u0301", "\u00e9", "\U0001f680",
                  "\u200d", "\u2764", "\u00a9", "\u1100", "\u1161", "\u0345"]  # fmt: skip
SECTION_TEXT = st.lists(st.sampled_from(SECTION_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(SECTION_TEXT, min_size=1, max_size=5), st.sampled_from(["", "\n", "\n\n"]))
def test_final_sections_joined_by_blank_lines_stay_final(raw: list[str], end: str) -> None:
    """What lets a post skip finalising its body: it is made of final sections."""
    from postkit.render import finishing

    sections = [text for text in map(finishing.finalise, raw) if finishing.is_final(text)]
    body = "\n\n".join(sections) + end
    assert finishing.is_final(body)
    assert finishing.finalise(body) == body


def test_every_built_in_post_is_the_same_without_the_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import itertools

    from postkit import drafting
    from postkit.sources.topics import library, load_topic

    combos = list(itertools.product(sorted(library()), ["linkedin", "x", "threads"],
                                    ["friendly", "professional", "punchy"],
                                    ["none", "light", "rich"]))  # fmt: skip

    def posts() -> list[str]:
        return [
            drafting.render_post(load_topic(t), DraftOptions(p, tone, emoji, seed=5)).text  # type: ignore[arg-type]
            for t, p, tone, emoji in combos
        ]

    fast = posts()
    monkeypatch.setattr(drafting, "_joins_final", lambda body, sections: False)
    from postkit.render import compose

    compose._SECTION_CACHE.clear()
    assert posts() == fast
