"""The live blog's pure rules: open or closed, coverage times, the poll's parameter, the
stream's index, and who may write what."""

import datetime

import pytest

from newsroom.articles.live_rules import (
    StreamRow,
    coverage_problems,
    is_open,
    parse_after,
    stream_index,
)
from newsroom.articles.permissions import (
    EntryFacts,
    LiveBlogFacts,
    UserFacts,
    can_change_entry,
    can_close_live_blog,
    can_post_entry,
)

NOW = datetime.datetime(2023, 9, 24, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)

EDITOR = UserFacts(user_id=1, is_staff=True, can_change=True, can_publish=True, can_write_live=True)
JOURNALIST = UserFacts(user_id=2, is_staff=True, can_change=True, can_write_live=True, person_id=7)
OPEN_BLOG_SIGNED_BY_7 = LiveBlogFacts(is_live_blog=True, is_open=True, author_ids=frozenset({7}))


def test_a_live_blog_is_open_until_its_end_is_recorded():
    assert is_open(live_blog=True, ended_at=None)
    assert not is_open(live_blog=True, ended_at=NOW)
    assert not is_open(live_blog=False, ended_at=None)


def test_coverage_times_that_cannot_be_are_refused():
    assert coverage_problems(live_blog=True, started_at=NOW, ended_at=None, now=NOW) == {}
    assert "live_ended_at" in coverage_problems(
        live_blog=True, started_at=NOW, ended_at=NOW + HOUR, now=NOW
    )  # closed ahead of time
    assert "live_ended_at" in coverage_problems(
        live_blog=True, started_at=NOW, ended_at=NOW - HOUR, now=NOW
    )  # ends before it starts
    assert "live_blog" in coverage_problems(
        live_blog=False, started_at=NOW, ended_at=None, now=NOW
    )  # times on an ordinary article


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 0), ("", 0), ("0", 0), ("42", 42), ("007", 7)]
)
def test_the_poll_names_the_newest_entry_shown(raw, expected):
    assert parse_after(raw) == expected


@pytest.mark.parametrize("raw", ["-1", "abc", "1.5", "١٢", "9" * 19])
def test_a_bad_entry_number_is_refused(raw):
    with pytest.raises(ValueError):
        parse_after(raw)


def row(pk, minutes, *, key=False, pinned=False):
    return StreamRow(pk, NOW + datetime.timedelta(minutes=minutes), key, f"Entrée {pk}", pinned)


def test_the_index_gives_each_key_event_its_page_and_the_last_entry_written():
    # Newest first by time; entry 9 was written last but dated earlier (a late report).
    rows = [row(5, 50, key=True), row(4, 40), row(9, 35), row(3, 30, key=True, pinned=True)]
    rows += [row(2, 20), row(1, 10, key=True)]
    index = stream_index(rows, per_page=2)
    assert [(event.pk, event.page) for event in index.key_events] == [(5, 1), (3, 2), (1, 3)]
    assert index.latest == 9
    assert index.pinned == 3
    assert index.count == 6
    assert stream_index([]).latest == 0


def test_editors_post_to_any_live_blog_journalists_to_the_open_ones_they_sign():
    closed = LiveBlogFacts(is_live_blog=True, is_open=False, author_ids=frozenset({7}))
    someone_elses = LiveBlogFacts(is_live_blog=True, is_open=True, author_ids=frozenset({8}))
    not_live = LiveBlogFacts(is_live_blog=False, is_open=False, author_ids=frozenset({7}))
    assert can_post_entry(EDITOR, closed) and can_post_entry(EDITOR, someone_elses)
    assert can_post_entry(JOURNALIST, OPEN_BLOG_SIGNED_BY_7)
    assert not can_post_entry(JOURNALIST, closed)
    assert not can_post_entry(JOURNALIST, someone_elses)
    assert not can_post_entry(EDITOR, not_live)
    no_account = UserFacts(user_id=3, is_staff=True, can_change=True, can_write_live=True)
    assert not can_post_entry(no_account, OPEN_BLOG_SIGNED_BY_7)
    reader = UserFacts(user_id=None, person_id=7)
    assert not can_post_entry(reader, OPEN_BLOG_SIGNED_BY_7)


def test_a_journalist_changes_only_their_own_entries_an_editor_any():
    assert can_change_entry(JOURNALIST, OPEN_BLOG_SIGNED_BY_7, EntryFacts(created_by_id=2))
    assert not can_change_entry(JOURNALIST, OPEN_BLOG_SIGNED_BY_7, EntryFacts(created_by_id=1))
    assert can_change_entry(EDITOR, OPEN_BLOG_SIGNED_BY_7, EntryFacts(created_by_id=2))
    assert can_close_live_blog(EDITOR) and not can_close_live_blog(JOURNALIST)
