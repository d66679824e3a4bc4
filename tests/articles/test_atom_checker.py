"""The Atom checker the feed tests use (tests/feeds_validity.py) finds what is wrong."""

import pytest

from tests.feeds_validity import assert_valid_atom, atom_problems

VALID = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Newsroom : Sonia Backès</title>
  <link rel="alternate" href="http://testserver/personnes/sonia-backes/"/>
  <link rel="self" href="http://testserver/personnes/sonia-backes/flux/"/>
  <id>http://testserver/personnes/sonia-backes/</id>
  <updated>2023-09-25T10:00:00+02:00</updated>
  <author><name>Newsroom</name></author>
  <entry>
    <title>Battue</title>
    <link rel="alternate" href="http://testserver/article/battue/"/>
    <published>2023-09-24T21:00:00+02:00</published>
    <updated>2023-09-25T10:00:00+02:00</updated>
    <id>tag:testserver,2023:article/1</id>
  </entry>
  <entry>
    <title>Fin de fonction</title>
    <link href="http://testserver/personnes/sonia-backes/"/>
    <updated>2023-09-30T00:00:00Z</updated>
    <id>tag:testserver,2023:office/2/end</id>
  </entry>
</feed>"""


def test_a_valid_feed_passes():
    assert_valid_atom(VALID)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('<link rel="self" href="http://testserver/personnes/sonia-backes/flux/"/>', "", "self"),
        ("<id>http://testserver/personnes/sonia-backes/</id>", "", "<id>"),
        ("<author><name>Newsroom</name></author>", "", "author"),
        ("tag:testserver,2023:office/2/end", "tag:testserver,2023:article/1", "used by 2"),
        ("2023-09-30T00:00:00Z", "2023-09-30 00:00:00", "RFC 3339"),
        ("2023-09-30T00:00:00Z", "2023-09-30T00:00:00", "RFC 3339"),
        (
            "<published>2023-09-24T21:00:00+02:00</published>",
            "<published>2023-09-26T21:00:00+02:00</published>",
            "published after updated",
        ),
        ('<link href="http://testserver/personnes/sonia-backes/"/>', "", "neither"),
        ("<title>Battue</title>", "", "<title>"),
        (
            '<link href="http://testserver/personnes/sonia-backes/"/>',
            '<link href="http://testserver/a/"/><link rel="alternate" href="http://testserver/b/"/>',
            "two alternate links",
        ),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', "<feed>", "not an Atom"),
    ],
    ids=[
        "no-self-link",
        "no-feed-id",
        "no-author",
        "duplicate-id",
        "not-rfc3339",
        "no-timezone",
        "published-after-updated",
        "no-link-nor-content",
        "no-title",
        "two-alternates",
        "not-atom",
    ],
)
def test_a_broken_feed_is_refused(old, new, problem):
    assert old in VALID
    problems = atom_problems(VALID.replace(old, new, 1))
    assert any(problem in found for found in problems), problems
    with pytest.raises(AssertionError):
        assert_valid_atom(VALID.replace(old, new, 1))
