"""A live blog as readers and the newsroom see it: the stream (newest first, key events,
the pinned entry, pages), entries carrying a contest's results box or a person's card,
the poll that counts new entries and stops once the blog is closed, JSON-LD, the front
page's badge; journalists writing in the blogs they sign, editors in any."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import live
from newsroom.articles.models import Article, LiveEntry, Status
from newsroom.articles.services import StaleEdit, close_live_blog
from tests import factories as make
from tests.articles.conftest import LIVE_START as START

pytestmark = pytest.mark.django_db


def entry(blog, minutes: int, body: str = "", **fields) -> LiveEntry:
    return LiveEntry.objects.create(
        article=blog,
        posted_at=START + datetime.timedelta(minutes=minutes),
        body=body or f"<p>Entrée à {minutes} minutes.</p>",
        **fields,
    )


def stream_texts(html: str) -> list[str]:
    stream = html.split('class="live__stream"', 1)[1]
    return re.findall(r"Entrée à (\d+) minutes", stream)


def poll(client, blog, after: int, **headers):
    url = reverse("articles:live_poll", args=[blog.slug])
    return client.get(f"{url}?apres={after}", **headers)


# --- Readers -----------------------------------------------------------------------------


def test_the_stream_shows_entries_newest_first_with_time_author_and_edit(client, blog, reporter):
    entry(blog, 10, author=reporter)
    late = entry(blog, 30, headline="Robert Xowie élu", key_event=True)
    late.edited_at = START + datetime.timedelta(minutes=42)
    late.save()
    entry(blog, 20)
    html = client.get(blog.get_absolute_url()).content.decode()
    assert stream_texts(html) == ["30", "20", "10"]
    assert "En direct" in html and "3 entrées" in html
    local = timezone.localtime(START + datetime.timedelta(minutes=42))
    assert f"modifié à {local.hour} h {local:%M}" in html
    assert 'Par <a href="/personnes/ada-martin/">Ada Martin</a>' in html
    assert "Par la rédaction" in html  # an entry nobody signs
    # The key event is listed at the top, linking to its entry.
    key_events = html.split('class="live__key-events"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{blog.get_absolute_url()}#entree-{late.pk}"' in key_events
    assert "Robert Xowie élu" in key_events
    assert f'id="entree-{late.pk}"' in html


def test_the_pinned_entry_stays_on_top_and_pinning_another_unpins_it(client, blog, editor):
    first = live.post_entry(
        entry=LiveEntry(article=blog, body="<p>Le point sur la soirée.</p>", pinned=True),
        by=editor,
    )
    entry(blog, 60)
    html = client.get(blog.get_absolute_url()).content.decode()
    pinned = html.split('class="live__pinned"', 1)[1].split('class="live__stream"', 1)[0]
    assert "Le point sur la soirée." in pinned
    second = live.post_entry(
        entry=LiveEntry(article=blog, body="<p>Nouveau point.</p>", pinned=True), by=editor
    )
    first.refresh_from_db()
    assert not first.pinned and second.pinned
    assert LiveEntry.objects.filter(article=blog, pinned=True).count() == 1


def test_pages_of_older_entries_work_without_javascript(client, blog):
    for minutes in range(25):
        entry(blog, minutes)
    first = client.get(blog.get_absolute_url()).content.decode()
    assert len(stream_texts(first)) == 20 and stream_texts(first)[0] == "24"
    assert f'href="{blog.get_absolute_url()}?page=2"' in first
    second = client.get(blog.get_absolute_url() + "?page=2").content.decode()
    assert stream_texts(second) == ["4", "3", "2", "1", "0"]
    assert "live-poll" not in second  # only the first page waits for new entries
    assert client.get(blog.get_absolute_url() + "?page=3").status_code == 404
    assert client.get(blog.get_absolute_url() + "?page=x").status_code == 404


def test_older_entries_stay_reachable_from_the_stream_brought_in(client, blog):
    for minutes in range(25):
        entry(blog, minutes)
    stream = client.get(reverse("articles:live_stream", args=[blog.slug])).content.decode()
    assert f'href="{blog.get_absolute_url()}?page=2"' in stream


def test_an_ordinary_article_has_one_page(client, site):
    article = make.article(slug="ordinaire")
    response = client.get(article.get_absolute_url() + "?page=2")
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()


def test_an_entry_shows_its_contests_results_box_and_its_persons_card(client, blog):
    xowie = make.person(name="Robert Xowie", slug="robert-xowie")
    contest = make.contest(winners=[(xowie, 2, None)])
    entry(blog, 5, contest=contest, person=xowie)
    make.article(slug="autre", contests=[contest])  # the same box on another page
    html = client.get(blog.get_absolute_url()).content.decode()
    stream = html.split('class="live__stream"', 1)[1].split("</ol>", 1)[0]
    assert "Élections sénatoriales 2023 — Nouvelle-Calédonie" in stream
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # the aside's box and the entry's are told apart
    assert "results-box__winners" in stream and "Robert Xowie" in stream
    assert 'href="/personnes/robert-xowie/"' in stream


def test_the_poll_counts_entries_written_after_the_newest_shown(
    client, blog, django_capture_on_commit_callbacks
):
    shown = entry(blog, 10)
    response = poll(client, blog, shown.pk, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "nouvelle entrée" not in response.content.decode()
    assert response["Cache-Control"] == "no-cache"
    with django_capture_on_commit_callbacks(execute=True):
        entry(blog, 5)  # written later, dated earlier: still new to the reader
        entry(blog, 11)
    html = poll(client, blog, shown.pk, HTTP_HX_REQUEST="true").content.decode()
    assert "2 nouvelles entrées" in html
    assert f'data-hx-trigger="every {blog.live_poll_seconds}s"' in html


def test_the_server_sets_the_interval(client, blog):
    Article.objects.filter(pk=blog.pk).update(live_poll_seconds=90)
    page = client.get(blog.get_absolute_url()).content.decode()
    assert 'data-hx-trigger="every 90s"' in page


def test_a_closed_blog_stops_the_polling(client, blog, editor):
    shown = entry(blog, 10)
    close_live_blog(article=blog, by=editor)
    response = poll(client, blog, shown.pk, HTTP_HX_REQUEST="true")
    assert response.status_code == 286  # htmx: stop polling
    assert "Ce direct est terminé" in response.content.decode()
    html = client.get(blog.get_absolute_url()).content.decode()
    assert "live-poll" not in html and "Ce direct est terminé" in html
    assert "En direct" not in html


@pytest.mark.parametrize("after", ["x", "-3", "1.5", "999999"])
def test_a_bad_poll_is_a_404(client, blog, after):
    entry(blog, 1)
    url = reverse("articles:live_poll", args=[blog.slug])
    assert client.get(f"{url}?apres={after}").status_code == 404  # 999999: no such entry


def test_a_page_still_polling_a_withdrawn_blog_is_told_to_stop(client, blog):
    Article.objects.filter(pk=blog.pk).update(status=Status.DRAFT)
    response = poll(client, blog, 0, HTTP_HX_REQUEST="true")
    assert response.status_code == 286
    assert "no-store" in response["Cache-Control"]


def test_a_draft_live_blog_answers_nothing_to_readers(client, blog):
    Article.objects.filter(pk=blog.pk).update(status=Status.DRAFT)
    assert poll(client, blog, 0).status_code == 404
    assert client.get(reverse("articles:live_stream", args=[blog.slug])).status_code == 404
    ordinary = make.article(slug="pas-un-direct")
    assert poll(client, ordinary, 0).status_code == 404


def test_json_ld_is_a_live_blog_posting_with_its_updates(client, blog, editor):
    entry(blog, 10, headline="Ouverture du scrutin")
    entry(blog, 20)
    html = client.get(blog.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = next(d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting")
    assert data["coverageStartTime"] == START.isoformat()
    assert "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [u["@type"] for u in updates] == ["BlogPosting", "BlogPosting"]
    assert updates[1]["headline"] == "Ouverture du scrutin"
    assert updates[0]["articleBody"] == "Entrée à 20 minutes."
    assert updates[0]["url"].endswith(
        f"{blog.get_absolute_url()}#entree-{updates and blog.entries.first().pk}"
    )
    close_live_blog(article=Article.objects.get(pk=blog.pk), by=editor)
    html = client.get(blog.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = next(d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting")
    assert "coverageEndTime" in data


def test_the_front_page_marks_an_open_live_blog(client, blog, editor):
    home = client.get(reverse("home")).content.decode()
    assert 'class="live-badge">En direct' in home
    close_live_blog(article=Article.objects.get(pk=blog.pk), by=editor)
    home = client.get(reverse("home")).content.decode()
    assert 'class="live-badge"' not in home


def test_the_live_blog_is_in_the_feed_the_sitemaps_and_search(client, blog):
    assert blog.title in client.get(reverse("articles:feed")).content.decode()
    assert blog.slug in client.get("/sitemap.xml").content.decode() or blog.slug in "".join(
        client.get(url).content.decode() for url in sitemap_urls(client)
    )
    found = client.get(reverse("articles:search") + "?q=soirée direct").content.decode()
    assert f'href="{blog.get_absolute_url()}"' in found


def sitemap_urls(client) -> list[str]:
    index = client.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", index)]


# --- The newsroom ------------------------------------------------------------------------


def entry_form(blog, **fields) -> dict:
    now = timezone.localtime()
    return {
        "article": blog.pk,
        "posted_at_0": now.strftime("%d/%m/%Y"),
        "posted_at_1": now.strftime("%H:%M:%S"),
        "headline": "",
        "body": "<p>Les bureaux de vote ont fermé.</p>",
        "contest": "",
        "person": "",
        "author": "",
    } | fields


ADD = reverse("admin:articles_liveentry_add")


def test_a_journalist_posts_to_the_blog_they_sign_as_themselves(client, blog, reporter):
    client.force_login(reporter.account)
    response = client.post(ADD, entry_form(blog))
    assert response.status_code == 302, response.content.decode()[:2000]
    posted = LiveEntry.objects.get(article=blog)
    assert posted.author == reporter and posted.created_by == reporter.account
    assert "Les bureaux de vote ont fermé." in client.get(blog.get_absolute_url()).content.decode()


def test_a_journalist_cannot_post_to_a_blog_they_do_not_sign(client, blog, journalist):
    make.person(name="Jean Autre", slug="jean-autre", account=journalist)
    client.force_login(journalist)
    response = client.post(ADD, entry_form(blog))
    assert response.status_code == 200  # not a blog the form offers them
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not LiveEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        live.post_entry(entry=LiveEntry(article=blog, body="<p>Pris.</p>"), by=journalist)


def test_a_journalist_cannot_post_once_the_blog_is_closed(client, blog, reporter, editor):
    close_live_blog(article=blog, by=editor)
    client.force_login(reporter.account)
    assert client.post(ADD, entry_form(blog)).status_code == 200  # refused by the form
    assert not LiveEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        live.post_entry(
            entry=LiveEntry(article=blog, body="<p>Trop tard.</p>"), by=reporter.account
        )


def test_a_key_event_needs_a_title(client, blog, editor):
    client.force_login(editor)
    response = client.post(ADD, entry_form(blog, key_event="on"))
    assert response.status_code == 200
    assert "Un temps fort a besoin d&#x27;un titre" in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_a_journalist_edits_their_own_entries_only_and_the_edit_is_dated(
    client, blog, reporter, editor
):
    mine = live.post_entry(
        entry=LiveEntry(article=blog, body="<p>Premier.</p>"), by=reporter.account
    )
    theirs = live.post_entry(entry=LiveEntry(article=blog, body="<p>Second.</p>"), by=editor)
    client.force_login(reporter.account)
    change = reverse("admin:articles_liveentry_change", args=[mine.pk])
    response = client.post(change, entry_form(blog, body="<p>Premier, corrigé.</p>"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "<p>Premier, corrigé.</p>" and mine.edited_at is not None
    other = reverse("admin:articles_liveentry_change", args=[theirs.pk])
    assert client.post(other, entry_form(blog, body="<p>Pris.</p>")).status_code == 403
    delete = reverse("admin:articles_liveentry_delete", args=[theirs.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert LiveEntry.objects.filter(pk=theirs.pk).exists()


def test_an_editor_deletes_an_entry_and_readers_no_longer_see_it(client, blog, editor):
    gone = live.post_entry(entry=LiveEntry(article=blog, body="<p>Fausse nouvelle.</p>"), by=editor)
    client.force_login(editor)
    delete = reverse("admin:articles_liveentry_delete", args=[gone.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    assert "Fausse nouvelle." not in client.get(blog.get_absolute_url()).content.decode()


def test_only_editors_close_a_live_blog(blog, reporter, editor):
    with pytest.raises(PermissionDenied):
        close_live_blog(article=blog, by=reporter.account)
    closed = close_live_blog(article=blog, by=editor)
    assert closed.live_ended_at is not None and not closed.is_live_open


def test_closing_a_blog_someone_is_editing_is_refused_not_lost(blog, editor):
    stale = Article.objects.get(pk=blog.pk)
    close_live_blog(article=Article.objects.get(pk=blog.pk), by=editor)
    with pytest.raises(StaleEdit):
        close_live_blog(article=stale, by=editor)


def test_an_end_in_the_future_is_a_form_error(blog, editor):
    blog.live_ended_at = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        blog.full_clean()
    assert "live_ended_at" in error.value.message_dict


def queries_for(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_live_page_reads_as_much_for_three_entries_as_for_twenty(client, blog):
    xowie = make.person(name="Robert Xowie", slug="robert-xowie")
    contest = make.contest(winners=[(xowie, 2, None)])
    for minutes in range(3):
        entry(blog, minutes, contest=contest, person=xowie, key_event=True, headline="Fait")
    few = queries_for(client, blog.get_absolute_url())
    other = make.contest(code="975", name="Saint-Pierre-et-Miquelon")
    for minutes in range(3, 20):
        entry(blog, minutes, contest=other if minutes % 2 else contest, person=xowie)
    assert queries_for(client, blog.get_absolute_url()) == few


def test_a_journalist_cannot_post_into_another_blog_by_crafting_the_form(client, blog, reporter):
    other = make.article(slug="autre-direct", live_blog=True)
    client.force_login(reporter.account)
    response = client.post(ADD, entry_form(other))
    assert response.status_code == 200  # the form refuses a blog they cannot write in
    assert not LiveEntry.objects.exists()


def test_a_journalist_neither_signs_as_someone_else_nor_pins(client, blog, reporter, editor):
    client.force_login(reporter.account)
    response = client.post(ADD, entry_form(blog, author=editor.pk, pinned="on"))
    assert response.status_code == 302
    posted = LiveEntry.objects.get(article=blog)
    assert posted.author == reporter and not posted.pinned
    with pytest.raises(PermissionDenied):
        live.post_entry(
            entry=LiveEntry(article=blog, body="<p>En haut.</p>", pinned=True),
            by=reporter.account,
        )


def test_an_entry_cannot_be_dated_in_the_future(client, blog, editor):
    client.force_login(editor)
    later = timezone.localtime() + datetime.timedelta(hours=2)
    form = entry_form(
        blog, posted_at_0=later.strftime("%d/%m/%Y"), posted_at_1=later.strftime("%H:%M:%S")
    )
    response = client.post(ADD, form)
    assert response.status_code == 200
    assert "Une entrée ne se programme pas" in response.content.decode()


def test_what_an_entry_says_is_escaped_and_its_text_sanitised(client, blog, editor):
    live.post_entry(
        entry=LiveEntry(
            article=blog,
            headline="<script>alert(1)</script>",
            key_event=True,
            body='<p>Texte<img src="x" onerror="alert(2)"><script>alert(3)</script></p>',
        ),
        by=editor,
    )
    html = client.get(blog.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
