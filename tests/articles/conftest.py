"""The admin form's data for an article, and the builders as fixtures for the tests that
still ask for them by name (tests/factories.py is where they live)."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as make


@pytest.fixture
def make_article(db):
    return make.article


@pytest.fixture
def make_section(db):
    return make.section


@pytest.fixture
def make_topic(db):
    return make.topic


@pytest.fixture
def make_person(db):
    return make.person


@pytest.fixture
def make_party(db):
    return make.organisation


@pytest.fixture
def make_membership(db):
    return make.membership


@pytest.fixture
def make_contest(db):
    return make.contest


@pytest.fixture
def article_form():
    """The admin change form's POST data for `article`, as its page would send it, with
    overrides; `publication=False` leaves out the fields only editors have."""

    def data(article, *, publication: bool = True, **overrides) -> dict:
        fields = {
            "base_version": article.version,
            "kicker": article.kicker,
            "title": article.title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "body": article.body,
            "language": article.language,
            "section": article.section_id,
            "topics": [t.pk for t in article.topics.all()],
            "authors": [p.pk for p in article.authors.all()],
            "persons": [p.pk for p in article.persons.all()],
            "contests": [c.pk for c in article.contests.all()],
            "further_reading": [a.pk for a in article.further_reading.all()],
            "previous": article.previous_id or "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        }
        if publication:
            local = timezone.localtime(article.published_at) if article.published_at else None
            fields |= {
                "status": article.status,
                "published_at_0": f"{local:%Y-%m-%d}" if local else "",
                "published_at_1": f"{local:%H:%M:%S}" if local else "",
                "updated_at_0": "",
                "updated_at_1": "",
            }
        fields.update(overrides)
        return {key: value for key, value in fields.items() if value is not None}

    return data


# --- A live blog (test_live_blog.py, test_live_freshness.py) ---------------------------

LIVE_START = timezone.now() - datetime.timedelta(hours=3)


@pytest.fixture
def reporter(db):
    """Ada Martin, journalist, who signs the live blog and logs in as « ada »."""
    account = make.user("ada", "Journaliste")
    return make.person(name="Ada Martin", slug="ada-martin", account=account)


@pytest.fixture
def blog(site, reporter):
    return make.article(
        title="Sénatoriales : la soirée en direct",
        slug="senatoriales-direct",
        live_blog=True,
        live_started_at=LIVE_START,
        authors=[reporter],
    )
