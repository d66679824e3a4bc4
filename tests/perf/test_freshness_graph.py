"""The freshness graph, case by case: writes made through the models that a cached reader
page (or a shared fragment) must show at once. Each test warms a page (a second GET
makes no query), makes the write as the admin or a service would, then asks the page
again and checks that it shows the change."""

import datetime
import re

import pytest
from django.contrib.sites import models as sites_models
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from elections.models import ContestStatus, Round
from tests import factories as make

pytestmark = pytest.mark.django_db(transaction=True)


def warm(client, url: str, **headers) -> str:
    """GET `url` until it is served from the cache (no query); its text."""
    first = client.get(url, headers=headers)
    assert first.status_code in (200, 286), (url, first.status_code)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url, headers=headers)
    assert not captured.captured_queries, f"{url} is not cached"
    assert again.content == first.content
    return again.content.decode()


def english(build):
    with translation.override("en"):
        return build()


def page(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 286), (url, response.status_code)
    return response.content.decode()


def block(html: str, css_class: str) -> str:
    """The <section> of the page whose class list starts with `css_class`."""
    found = re.search(rf'<section class="[^"]*\b{css_class}\b.*?</section>', html, re.S)
    return found.group(0) if found else ""


# --- The menu, on every page ----------------------------------------------------------


def test_a_section_added_to_the_menu_appears_on_every_page(client, newsroom):
    """The menu (context processor `menu`, every page) lists the sections in navigation.
    A page records the keys of the sections it listed, and `Section` touches only its own
    key and `listing:home`: a new navigable section (or one put back in the navigation)
    is missing from every cached page but the home page."""
    urls = [
        newsroom["first"].get_absolute_url(),
        reverse("people:person", args=["ada-martin"]),
        reverse("articles:topic", args=["senatoriales"]),
    ]
    for url in urls:
        assert "Économie" not in warm(client, url)
    make.section(name="Économie", position=5, in_navigation=True)
    stale = [url for url in urls if "Économie" not in page(client, url)]
    assert not stale, f"menu without the new section on {stale}"


def test_a_section_put_back_in_the_menu_appears_on_the_pages(client, newsroom):
    hidden = make.section(name="Économie", position=5, in_navigation=False)
    url = reverse("people:person", args=["ada-martin"])
    assert "Économie" not in warm(client, url)
    hidden.in_navigation = True
    hidden.save()
    assert "Économie" in page(client, url)


# --- Sitemap ----------------------------------------------------------------------------


def test_a_new_section_is_listed_in_the_sitemap(client, newsroom):
    """SectionSitemap lists every section (no filter on articles), but a new section
    touches only `section:<pk>` and `listing:home`, not `listing:sitemap`."""
    url = reverse("sitemap")
    assert "/rubrique/economie/" not in warm(client, url)
    make.section(name="Économie", position=5)
    assert "/rubrique/economie/" in page(client, url)


# --- Story chain ------------------------------------------------------------------------


def test_the_story_chain_shows_a_follow_up_two_steps_away(client, newsroom):
    """An article page lists the whole story (up to MAX_STORY_DEPTH steps each way) but
    records only its own `listing:article:<pk>`; a new article touches the listing of its
    direct `previous` only. The first article of a story misses the third one when that
    one shares nothing else with it (another section: its related block, which records
    `listing:section:<pk>`, does not save it)."""
    first = newsroom["first"]
    societe = make.section(name="Société", position=1)
    second = make.article(title="Deuxième épisode", slug="episode-2", previous=first)
    url = first.get_absolute_url()
    assert "Deuxième épisode" in block(warm(client, url), "story-chain")
    make.article(title="Troisième épisode", slug="episode-3", previous=second, section=societe)
    assert "Troisième épisode" in block(page(client, url), "story-chain")


# --- Old values -------------------------------------------------------------------------


def test_an_office_moved_to_another_person_leaves_the_first_persons_page(client, newsroom):
    """Holds, narrowly: `Membership` shows and touches `person:<person_id>` with its new
    value only (MembershipAdmin lets an editor fix the person of an office); the first
    person's page is refreshed only because the rule also touches `organisation:<pk>`,
    which that page recorded through the office's organisation. Were the organisation
    fixed in the same save (or that touch dropped as over-broad), it would stay."""
    council = make.organisation(name="Conseil municipal de Thio", slug="thio", kind="")
    office = make.membership(
        newsroom["person"],
        council,
        role="Conseillère municipale",
        start_date=datetime.date(2020, 3, 1),
    )
    other = make.person(name="Léa Kanak", sort_name="Kanak")
    url = reverse("people:person", args=["ada-martin"])
    assert "Conseil municipal de Thio" in warm(client, url)
    office.person = other
    office.save()
    assert "Conseil municipal de Thio" in page(client, reverse("people:person", args=["lea-kanak"]))
    assert "Conseil municipal de Thio" not in page(client, url)


# --- Shared fragments of the article page -----------------------------------------------


def test_the_results_box_of_an_article_follows_its_contest(client, newsroom):
    """Holds since `recording()` starts a fragment with its page's keys so far:
    `{% public_fragment "results-box" contest.pk %}` renders a contest read earlier by the
    view (`Article.objects.for_page()`), so nothing is loaded inside it; with an empty start it
    recorded only `all` and was reused, unchanged, by the page re-rendered for the change."""
    url = newsroom["first"].get_absolute_url()
    before = block(warm(client, url), "results-box")
    assert "À venir" in before
    contest = newsroom["contest"]
    contest.status = ContestStatus.FINAL
    contest.save()
    after = block(page(client, url), "results-box")
    assert "Résultats définitifs" in after


def test_the_results_box_shows_a_winner_renamed(client, newsroom):
    url = newsroom["first"].get_absolute_url()
    assert "Ada Martin" in block(warm(client, url), "results-box")
    person = newsroom["person"]
    person.name = "Ada Martin-Wéa"
    person.save()
    assert "Ada Martin-Wéa" in block(page(client, url), "results-box")


def test_the_related_block_drops_an_article_picked_as_further_reading(client, newsroom):
    """Holds since a fragment starts with its page's keys (`article:<pk>` among them):
    `related_articles` records the listings of the article's links, not the article's own
    key, and a further-reading link touches only `article:<pk>` (no listing)."""
    first, second = newsroom["first"], newsroom["second"]
    url = first.get_absolute_url()
    assert second.title in block(warm(client, url), "related")
    first.further_reading.add(second)
    html = page(client, url)
    assert second.title in block(html, "further-reading")
    assert second.title not in block(html, "related")


def test_the_related_block_follows_a_topic_added_to_the_article(client, newsroom):
    """Holds through `article:<pk>` only (inherited from the page): a topic added touches
    `listing:topic:<new>`, which the block never recorded."""
    societe = make.section(name="Société", position=1)
    climat = make.topic(name="Climat")
    make.article(title="Le climat à Nouméa", slug="climat", section=societe, topics=[climat])
    first = newsroom["first"]
    url = first.get_absolute_url()
    assert "Le climat à Nouméa" not in block(warm(client, url), "related")
    first.topics.add(climat)
    assert "Le climat à Nouméa" in block(page(client, url), "related")


def test_the_related_block_follows_the_article_to_another_section(client, newsroom):
    """Holds through `article:<pk>` only (inherited from the page): the move touches the
    new section's listing, the block recorded the old one's."""
    societe = make.section(name="Société", position=1)
    make.article(title="Le climat à Nouméa", slug="climat", section=societe)
    first = newsroom["first"]
    url = first.get_absolute_url()
    assert "Le climat à Nouméa" not in block(warm(client, url), "related")
    first.section = societe
    first.save()
    assert "Le climat à Nouméa" in block(page(client, url), "related")


# --- First figures of a contest ----------------------------------------------------------


def test_the_first_round_entered_shows_on_the_contest_and_candidate_pages(client, newsroom):
    """Figures now have their own key, `results:contest:<pk>`, shown by `Round` (and
    `ResultUpdate`) rows and touched by their writes; no view records it. A contest with
    no round yet (candidacies entered before the vote) loads no Round, so its pages never
    record the key the first round touches: they keep "no results" after it is entered
    (contest page, its polled fragment and exports, the candidate's page)."""
    from elections.models import Candidacy, RoundResult

    contest = make.contest(
        election=newsroom["contest"].election,
        code="987",
        name="Polynésie française",
        seats=1,
        status=ContestStatus.UPCOMING,
    )
    candidate = make.person(name="Tavita Teriitahi", slug="tavita", sort_name="T")
    candidacy = Candidacy.objects.create(contest=contest, person=candidate, position=1)
    urls = {
        "contest": contest.get_absolute_url(),
        "json": reverse("elections:contest_json", args=["senatoriales-2023", "987"]),
        "person": reverse("people:person", args=["tavita"]),
    }
    for url in urls.values():
        assert "777" not in warm(client, url)
    round_ = Round.objects.create(
        contest=contest, number=1, registered=900, voters=800, expressed=777, is_final=True
    )
    RoundResult.objects.create(round=round_, candidacy=candidacy, votes=777)
    stale = [name for name, url in urls.items() if "777" not in page(client, url)]
    assert not stale, f"no figures on {stale}"


# --- Live results fragment: the validator --------------------------------------------


def test_the_polled_results_fragment_is_not_a_304_after_totals_edited(client, newsroom):
    """The polled results fragment's ETag (`results_etag`) changes only with a new
    ResultUpdate or the status. Round totals corrected in the admin (RoundInline), a
    winner proclaimed in its admin or a candidacy renamed add none: the page cache
    renders the fragment again (its keys changed), but a reader's poll with
    If-None-Match gets a 304 and keeps the old figures."""
    contest = newsroom["contest"]
    url = reverse(
        "elections:contest_results", args=[contest.election.slug, contest.constituency.code]
    )
    first = client.get(url, headers={"HX-Request": "true"})
    etag = first["ETag"]
    assert "450" in first.content.decode()
    round_ = Round.objects.get(contest=contest, number=1)
    round_.voters = 455
    round_.save()
    # The page cache itself is refreshed: a reader without the validator gets 455...
    assert "455" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    # ...but a poll revalidating what it holds is told nothing changed.
    again = client.get(url, headers={"HX-Request": "true", "If-None-Match": etag})
    assert again.status_code != 304
    assert "455" in again.content.decode()


# --- Per-process caches -----------------------------------------------------------------


def test_the_site_name_is_not_read_from_a_workers_own_cache(client, newsroom):
    """The site's name is read through the sites framework's per-process SITE_CACHE,
    cleared only in the process that saves the Site. Another worker re-renders every page
    (the save touched `all`) with the old name and stores it as fresh, for every worker.
    Simulated here: the old Site put back in this process's SITE_CACHE, as it still is in
    a worker that did not make the write."""
    url = reverse("people:person", args=["ada-martin"])
    assert "Newsroom" in warm(client, url)
    stale_copy = Site.objects.get(pk=1)
    site = Site.objects.get(pk=1)
    site.name = "Les Nouvelles"
    site.save()
    sites_models.SITE_CACHE[1] = stale_copy  # what another worker still holds
    try:
        assert "Les Nouvelles" in page(client, url)
    finally:
        sites_models.SITE_CACHE.clear()


# --- Subtle cases that hold (pinned) -----------------------------------------------------


def test_an_article_moved_out_of_a_section_leaves_its_old_page(client, newsroom):
    """Holds: the old section's listing is not touched (the rule sees the new section_id),
    but the old page recorded the article's own key."""
    societe = make.section(name="Société", position=1)
    url = reverse("articles:section", args=["politique"])
    first = newsroom["first"]
    assert first.title in warm(client, url)
    first.section = societe
    first.save()
    assert first.title not in page(client, url)
    assert first.title in page(client, reverse("articles:section", args=["societe"]))


def test_a_person_unlinked_from_an_article_leaves_their_page(client, newsroom):
    """Holds: the m2m removal touches the article and `listing:person:<pk>`; on the
    English page too (a separate entry with the same keys)."""
    first, person = newsroom["first"], newsroom["person"]
    urls = [
        reverse("people:person", args=["ada-martin"]),
        english(lambda: reverse("people:person", args=["ada-martin"])),
    ]
    for url in urls:
        assert first.title in warm(client, url)
    first.persons.remove(person)
    for url in urls:
        assert first.title not in page(client, url)


def test_the_map_panel_follows_an_article_linked_to_its_contest(client, newsroom):
    """Holds: the htmx panel records `listing:contest:<pk>`, touched by the m2m add."""
    contest = newsroom["contest"]
    url = reverse("elections:map", args=["senatoriales-2023"]) + "?circonscription=988"
    headers = {"HX-Request": "true", "HX-Target": "map-panel"}
    warm(client, url, **headers)
    third = make.article(title="Le dépouillement à Thio", slug="thio")
    third.contests.add(contest)
    assert "Le dépouillement à Thio" in page(client, url, **headers)
