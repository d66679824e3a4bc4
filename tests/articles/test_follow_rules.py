"""The rules of the feeds to follow a person, an organisation, a contest or an author,
without a database."""

import datetime

from newsroom.articles.follow_rules import Entry, OfficeEvent, newest, office_events, tag

D = datetime.date
TODAY = D(2023, 10, 15)


def test_an_office_tells_its_start_and_its_recorded_end():
    events = office_events(D(2017, 10, 1), D(2023, 9, 30), TODAY)
    assert events == [OfficeEvent(True, D(2017, 10, 1)), OfficeEvent(False, D(2023, 9, 30))]


def test_without_a_recorded_end_the_natural_end_of_the_term_is_told_once_reached():
    passed = office_events(D(2017, 10, 1), None, TODAY, term_end=D(2023, 10, 1))
    assert passed[-1] == OfficeEvent(False, D(2023, 10, 1))
    running = office_events(D(2023, 10, 2), None, TODAY, term_end=D(2029, 10, 1))
    assert running == [OfficeEvent(True, D(2023, 10, 2))]


def test_an_office_ended_on_an_unknown_day_tells_no_end():
    assert office_events(D(2017, 10, 1), None, TODAY, term_end=D(2023, 10, 1), ended=True) == [
        OfficeEvent(True, D(2017, 10, 1))
    ]


def test_events_still_to_come_and_unknown_dates_are_not_told():
    assert office_events(D(2023, 11, 1), None, TODAY) == []
    assert office_events(None, None, TODAY) == []
    assert office_events(None, D(2023, 10, 15), TODAY) == [OfficeEvent(False, D(2023, 10, 15))]


def entry(entry_id: str, day: int) -> Entry:
    moment = datetime.datetime(2023, 9, day, tzinfo=datetime.UTC)
    return Entry(id=entry_id, title="t", link="/", summary="", updated=moment)


def test_entries_are_newest_first_and_bounded():
    entries = [entry("a", 1), entry("b", 3), entry("c", 2), entry("d", 3)]
    assert [e.id for e in newest(entries, 3)] == ["d", "b", "c"]


def test_an_entry_id_is_a_tag_uri_naming_the_row_without_port():
    assert tag("example.org:8000", "office", 12, "end") == "tag:example.org,2023:office/12/end"
