"""Section rendering: seeded choices, the `random` filter, and the section cache."""

from __future__ import annotations

from pathlib import Path

from postkit.drafting import render_post
from postkit.model import DraftOptions
from postkit.render import compose
from postkit.sources.topics import load_topic


def write_set(folder: Path, intro: str, tips: str) -> Path:
    (folder / "mine").mkdir(parents=True)
    (folder / "mine" / "intro.j2").write_text(intro, encoding="utf-8")
    (folder / "mine" / "tips.j2").write_text(tips, encoding="utf-8")
    (folder / "mine" / "post.j2").write_text(
        '{{ sections.values() | join("\\n\\n") }}', encoding="utf-8"
    )
    return folder


def test_cached_sections_give_the_same_post_as_a_cold_render() -> None:
    topic = load_topic("kubernetes")
    options = DraftOptions(seed=11)
    compose._SECTION_CACHE.clear()
    cold = render_post(topic, options)
    for seed in range(5):  # warm the cache with other seeds
        render_post(topic, DraftOptions(seed=seed))
    assert render_post(topic, options) == cold
    compose._SECTION_CACHE.clear()


def test_a_section_that_picks_is_never_cached(tmp_path: Path) -> None:
    folder = write_set(tmp_path, "{{ pick(['one', 'two', 'three', 'four']) }}", "fixed tips")
    topic = load_topic("devops")
    intros = {
        render_post(
            topic, DraftOptions(seed=seed, template_set="mine", template_dirs=(folder,))
        ).sections["intro"]
        for seed in range(12)
    }
    assert intros == {"one", "two", "three", "four"}


def test_the_random_filter_follows_the_seed(tmp_path: Path) -> None:
    folder = write_set(tmp_path, "{{ ['a', 'b', 'c', 'd', 'e'] | random }}", "tips")
    topic = load_topic("devops")

    def intro(seed: int) -> str:
        options = DraftOptions(seed=seed, template_set="mine", template_dirs=(folder,))
        return render_post(topic, options).sections["intro"]

    assert [intro(3) for _ in range(5)] == [intro(3)] * 5
    assert len({intro(seed) for seed in range(15)}) > 1  # and it is still a choice


def test_picker_remembers_whether_it_chose() -> None:
    pick = compose.picker(1, "intro")
    assert not pick.used
    assert pick(["x"]) == "x"
    assert pick.used
