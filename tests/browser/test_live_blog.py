"""A live blog in Chromium: a reader sees a new entry announced after the poll, without the
text moving under their eyes, brings it in, and the page stops polling once the blog is
closed; a journalist posts an entry linked to the 988 contest from the admin and readers
see its results box; the archived demo blog's JSON-LD is a LiveBlogPosting."""

import datetime
import json
import time

import pytest
from django.utils import timezone

from elections.models import Contest
from newsroom.articles import live
from newsroom.articles.models import Article, LiveEntry
from newsroom.articles.services import close_live_blog
from newsroom.demo import articles as demo_articles
from newsroom.demo import content as demo_content
from newsroom.demo import elections as demo
from tests import factories as make
from tests.browser import log_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL = "/direct/nouvelles/"


@pytest.fixture
def blog(site):
    reporter = make.person(name="Ada Martin", slug="ada-martin", account=make.user("ada"))
    blog = make.article(
        title="La soirée électorale en direct",
        slug="soiree-direct",
        live_blog=True,
        authors=[reporter],
    )
    start = timezone.now() - datetime.timedelta(hours=2)
    for n in range(12):
        LiveEntry.objects.create(
            article=blog,
            posted_at=start + datetime.timedelta(minutes=5 * n),
            body=f"<p>Entrée numéro {n}. " + "Les chiffres arrivent bureau par bureau. " * 12,
        )
    # Polled every second here (the editors' setting is 5 s at least; the rule is the
    # server's to set, whatever the value).
    Article.objects.filter(pk=blog.pk).update(live_poll_seconds=1)
    return Article.objects.get(pk=blog.pk)


def test_a_new_entry_is_announced_without_moving_the_text_then_polling_stops(
    live_server, page, blog, editor
):
    polls = []
    page.on(
        "request", lambda request: polls.append(time.monotonic()) if POLL in request.url else None
    )
    page.goto(live_server.url + blog.get_absolute_url())
    page.mouse.wheel(0, 900)
    wait_until(page, "window.scrollY > 600")
    page.wait_for_timeout(300)
    # The entry the reader is reading: the first whose top is in view, and where it is.
    where = """() => {
        const entries = [...document.querySelectorAll('.live__stream .live-entry')];
        const read = entries.find((e) => e.getBoundingClientRect().top >= 0);
        return [read.id, read.getBoundingClientRect().top, window.scrollY];
    }"""
    reading = page.evaluate(where)
    first = page.locator(".live__stream .live-entry").first.inner_text()
    shown = page.locator(".live__stream .live-entry").count()

    live.post_entry(
        entry=LiveEntry(
            article=blog, headline="Robert Xowie en tête", body="<p>Premiers chiffres.</p>"
        ),
        by=editor,
    )
    bar = page.locator("#live-poll .live__new")
    bar.wait_for(timeout=10_000)
    assert bar.inner_text() == "1 nouvelle entrée"
    assert bar.is_visible()  # over the stream, at the top of the window
    # Nothing moved: the same entry at the same place, the same entries.
    assert page.evaluate(where) == reading
    assert page.locator(".live__stream .live-entry").first.inner_text() == first
    assert page.locator(".live__stream .live-entry").count() == shown

    bar.click()
    page.locator(".live__stream .live-entry").first.filter(
        has_text="Robert Xowie en tête"
    ).wait_for()
    assert page.locator("#live-poll .live__new").count() == 0  # counted again from the new one

    close_live_blog(article=Article.objects.get(pk=blog.pk), by=editor)
    ended = page.locator("#live-poll", has_text="Ce direct est terminé")
    ended.wait_for(state="attached", timeout=10_000)  # said to screen readers
    polls.clear()
    page.wait_for_timeout(3_000)
    assert polls == []  # the 286 answer stopped the polling
    assert page.console_errors == []


def test_a_journalist_posts_an_entry_linked_to_the_988_contest(live_server, page, reader, site):
    demo.load()
    contest = Contest.objects.get(constituency__code="988")
    account = make.user("ada", "Journaliste", password="pw")
    reporter = make.person(name="Ada Martin", slug="ada-martin", account=account)
    blog = make.article(
        title="Sénatoriales en direct", slug="direct", live_blog=True, authors=[reporter]
    )

    log_in(page, live_server.url, "ada", "pw")
    page.goto(f"{live_server.url}/admin/articles/liveentry/add/?article={blog.pk}")
    page.fill("#id_headline", "Le second tour est clos")
    page.fill("#id_body", "<p>Le dépouillement commence à Nouméa.</p>")
    page.click(".field-contest .select2-selection")
    page.fill(".select2-search__field", "Nouvelle")
    page.locator(".select2-results__option", has_text="Nouvelle-Calédonie").first.click()
    page.click("input[name=_save]")
    assert "a été ajouté" in page.locator(".messagelist").inner_text()

    seen = reader(live_server.url + blog.get_absolute_url())
    posted = seen.locator(".live__stream .live-entry").first
    assert "Le dépouillement commence à Nouméa." in posted.inner_text()
    assert "Par Ada Martin" in posted.inner_text()
    box = posted.locator(".results-box")
    assert "Nouvelle-Calédonie" in box.locator(".results-box__title").inner_text()
    assert "Robert Xowie" in box.inner_text() and "Georges Naturel" in box.inner_text()
    # The deciding round's figures load into the box as on an article.
    box.locator(".results-box__table").wait_for()
    assert "307" in box.inner_text()
    assert contest.live_entries.count() == 1
    assert page.console_errors == []


def test_the_archived_demo_blog_is_a_live_blog_posting(live_server, reader, demo_newsroom):
    seen = reader(f"{live_server.url}/article/{demo_content.LIVE}/")
    blocks = seen.locator('script[type="application/ld+json"]').all_inner_texts()
    data = next(d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting")
    start = datetime.datetime.fromisoformat(data["coverageStartTime"])
    end = datetime.datetime.fromisoformat(data["coverageEndTime"])
    assert start == demo_articles.local("2023-09-23 23:30")
    assert end == demo_articles.local("2023-09-24 12:40")
    for required in ("headline", "datePublished", "author", "publisher", "mainEntityOfPage"):
        assert data[required], required
    updates = data["liveBlogUpdate"]
    assert len(updates) == len(demo_content.LIVE_ENTRIES[demo_content.LIVE])
    for update in updates:
        assert update["@type"] == "BlogPosting"
        assert update["headline"] and update["articleBody"]
        assert datetime.datetime.fromisoformat(update["datePublished"])
    assert updates[1]["headline"] == "Robert Xowie élu, Sonia Backès battue"
    # Archived: no poll, the end said; the key events listed at the top.
    assert seen.locator("#live-poll").count() == 0
    assert "Ce direct est terminé" in seen.locator(".live__state").inner_text()
    events = seen.locator(".live__key-events li").all_inner_texts()
    assert any("Georges Naturel élu au premier tour" in event for event in events)
