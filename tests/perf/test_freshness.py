"""Freshness follows the data graph: a write refreshes the pages that show what it changed,
and only those. "Cached" is read off the next GET: no query (the freshness keys come from
the shared cache), the same bytes."""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elections.models import Candidacy, Contest
from elections.services.calls import make_call
from elections.services.desk import RoundEntry, save_round_results
from newsroom.articles.models import ArticleNote, Status
from newsroom.caching.verdict import Verdict, verdict
from tests import factories as make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def graph(newsroom) -> dict:
    """The newsroom plus what a write must leave alone: an article in another section on
    another topic, a person in no contest, and that section's page."""
    other_section = make.section(name="Société", position=1)
    other_topic = make.topic(name="Climat")
    bystander = make.person(name="Léa Kanak", sort_name="Kanak")
    unrelated = make.article(
        title="Le climat à Nouméa",
        slug="climat-noumea",
        section=other_section,
        topics=[other_topic],
        persons=[bystander],
    )
    return {
        **newsroom,
        "unrelated": unrelated,
        "bystander": bystander,
        "other_section": other_section,
    }


def pages(data: dict) -> dict[str, str]:
    contest = data["contest"]
    return {
        "contest": contest.get_absolute_url(),
        "article's figures": reverse(
            "elections:contest_box", args=[contest.election.slug, contest.constituency.code]
        ),
        "election": reverse("elections:election", args=["senatoriales-2023"]),
        "map panel": reverse("elections:map", args=["senatoriales-2023"]) + "?circonscription=988",
        "linked article": data["first"].get_absolute_url(),
        "unrelated article": data["unrelated"].get_absolute_url(),
        "person without the contest": reverse("people:person", args=["lea-kanak"]),
        "other section": reverse("articles:section", args=["societe"]),
        "section": reverse("articles:section", args=["politique"]),
        "topic": reverse("articles:topic", args=["senatoriales"]),
        "person": reverse("people:person", args=["ada-martin"]),
        "home": reverse("home"),
    }


def cached(client, urls: dict[str, str]) -> set[str]:
    """The pages answered from the cache: no query, unchanged bytes."""
    found = set()
    for name, url in urls.items():
        before = client.get(url).content
        with CaptureQueriesContext(connection) as captured:
            again = client.get(url)
        if not captured.captured_queries and again.content == before:
            found.add(name)
    return found


def warm(client, urls: dict[str, str]) -> None:
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    assert cached(client, urls) == set(urls)


def refreshed_by(client, data: dict, write) -> set[str]:
    """The pages that were not served from the cache right after `write()`."""
    urls = pages(data)
    warm(client, urls)
    write()
    stale = set()
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        if captured.captured_queries:
            stale.add(name)
    return stale


def enter_figures(contest: Contest, candidacy, votes: int, user, status: str | None = None):
    """As the results desk saves a round (its service)."""
    totals = {"registered": 500, "voters": 460, "expressed": 400, "blank": None, "null": None}
    contest = Contest.objects.for_page().get(pk=contest.pk)
    entry = RoundEntry(
        number=1,
        totals=totals,
        is_final=True,
        votes={candidacy.pk: votes},
        status=status or contest.status,
    )
    save_round_results(contest=contest, entry=entry, by=user, source="Préfecture")


def test_first_figures_refresh_the_contest_its_election_map_and_candidates_only(
    client, graph, admin_user
):
    candidacy = graph["result"].candidacy

    def enter_results():
        enter_figures(graph["contest"], candidacy, 262, admin_user)

    refreshed = refreshed_by(client, graph, enter_results)
    assert {"contest", "article's figures", "election", "map panel", "person"} <= refreshed
    # The article's results box loads its figures from the contest ("article's figures"):
    # the article itself shows who won and the status, and is not rendered again.
    assert not refreshed & {"linked article", "unrelated article", "home", "other section"}
    assert "262" in client.get(graph["contest"].get_absolute_url()).content.decode()
    figures = client.get(pages(graph)["article's figures"]).content.decode()
    assert '<td class="num">262</td>' in figures


def test_figures_that_leave_the_outcome_do_not_render_the_election_again(client, graph, admin_user):
    candidacy = graph["result"].candidacy
    enter_figures(graph["contest"], candidacy, 262, admin_user)  # the source now credited

    def more_votes():
        enter_figures(graph["contest"], candidacy, 270, admin_user)

    refreshed = refreshed_by(client, graph, more_votes)
    assert {"contest", "article's figures", "person"} <= refreshed
    # Same winner, status and sources: the election page and its map show nothing new.
    assert not refreshed & {"election", "map panel", "linked article", "home"}
    assert "270" in client.get(graph["contest"].get_absolute_url()).content.decode()


def test_figures_that_change_who_won_refresh_the_election_and_its_map(client, graph, admin_user):
    contest = graph["contest"]
    contest.official_winners.all().delete()  # readers see who the figures elect
    rival = Candidacy.objects.create(
        contest=contest, person=make.person(name="Léo Petit", sort_name="Petit"), position=2
    )
    enter_figures(contest, graph["result"].candidacy, 262, admin_user)

    def rival_wins():
        enter_figures(contest, rival, 300, admin_user)

    refreshed = refreshed_by(client, graph, rival_wins)
    assert {"contest", "election", "map panel"} <= refreshed
    assert "Léo Petit" in client.get(pages(graph)["election"]).content.decode()


def test_a_new_status_refreshes_the_articles_showing_the_contest(client, graph, admin_user):
    candidacy = graph["result"].candidacy

    def provisional():
        enter_figures(graph["contest"], candidacy, 262, admin_user, status="provisional")

    refreshed = refreshed_by(client, graph, provisional)
    assert {"contest", "election", "map panel", "linked article", "home"} <= refreshed
    assert not refreshed & {"unrelated article", "person without the contest", "other section"}
    article = client.get(graph["first"].get_absolute_url()).content.decode()
    assert "Résultats provisoires" in article


def test_a_race_call_refreshes_what_shows_the_result_state(client, graph, admin_user):
    def call():
        make_call(
            contest=Contest.objects.for_page().get(pk=graph["contest"].pk),
            kind="called",
            winners=[graph["person"]],
            source="agency",
            source_detail="AFP",
            by=admin_user,
        )

    refreshed = refreshed_by(client, graph, call)
    assert {"contest", "map panel", "linked article"} <= refreshed
    assert not refreshed & {"unrelated article", "person without the contest", "other section"}
    article = client.get(graph["first"].get_absolute_url()).content.decode()
    assert "Annoncé par la rédaction le" in article
    assert 'agence de presse (<span lang="fr">AFP</span>)' in article


def test_publishing_refreshes_its_listings_and_leaves_others(client, graph):
    draft = make.article(
        title="Un nouveau sénateur",
        slug="nouveau",
        status=Status.DRAFT,
        topics=[graph["topic"]],
        persons=[graph["person"]],
        contests=[graph["contest"]],
    )

    def publish():
        draft.status = Status.PUBLISHED
        draft.save()

    refreshed = refreshed_by(client, graph, publish)
    assert {"home", "section", "topic", "person", "contest", "map panel"} <= refreshed
    assert not refreshed & {"unrelated article", "other section", "person without the contest"}
    assert "Un nouveau sénateur" in client.get(reverse("home")).content.decode()


def test_unpublishing_is_a_404_at_once_and_leaves_others(client, graph):
    article = graph["first"]

    def unpublish():
        article.status = Status.DRAFT
        article.save()

    refreshed = refreshed_by(client, graph, unpublish)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert {"home", "section", "topic", "person"} <= refreshed
    assert not refreshed & {"unrelated article", "other section", "person without the contest"}


def test_a_correction_note_refreshes_the_article_only(client, graph):
    article = graph["first"]

    def correct():
        ArticleNote.objects.create(
            article=article, kind="correction", noted_at=timezone.now(), text="Chiffre corrigé."
        )

    refreshed = refreshed_by(client, graph, correct)
    # The contest page lists the articles about it (their rows, so their keys).
    assert {"linked article", "contest"} <= refreshed
    assert not refreshed & {"unrelated article", "other section", "election"}
    assert "Chiffre corrigé." in client.get(article.get_absolute_url()).content.decode()


def test_a_person_renamed_refreshes_the_pages_showing_them(client, graph):
    person = graph["person"]

    def rename():
        person.name = "Ada Martin-Wéa"
        person.save()

    refreshed = refreshed_by(client, graph, rename)
    assert {"person", "linked article", "contest"} <= refreshed
    assert not refreshed & {"unrelated article", "other section", "person without the contest"}


def test_a_topic_renamed_refreshes_its_articles_and_page(client, graph):
    topic = graph["topic"]

    def rename():
        topic.name = "Sénatoriales 2023"
        topic.save()

    refreshed = refreshed_by(client, graph, rename)
    assert {"topic", "linked article"} <= refreshed
    assert not refreshed & {"unrelated article", "other section", "contest", "election"}
    assert "Sénatoriales 2023" in client.get(graph["first"].get_absolute_url()).content.decode()


def test_further_reading_refreshes_the_article_that_offers_it(client, graph):
    article = graph["first"]

    def offer():
        article.further_reading.add(graph["unrelated"])

    refreshed = refreshed_by(client, graph, offer)
    assert {"linked article", "contest"} <= refreshed  # the contest page lists the article
    assert not refreshed & {"unrelated article", "other section", "election"}
    assert "Le climat à Nouméa" in client.get(article.get_absolute_url()).content.decode()


def test_pages_name_their_keys_for_an_edge_cache(client, graph):
    response = client.get(graph["first"].get_absolute_url())
    keys = response["Surrogate-Key"].split()
    article, contest = graph["first"], graph["contest"]
    assert {"all", f"article:{article.pk}", f"contest:{contest.pk}"} <= set(keys)
    assert f"person:{graph['person'].pk}" in keys
    assert response["Cache-Tag"] == ",".join(keys)
    home = client.get(reverse("home"))
    assert "listing:home" in home["Surrogate-Key"].split()
    assert client.get(reverse("home"))["Surrogate-Key"] == home["Surrogate-Key"]  # a hit


def test_many_readers_of_a_page_just_changed_make_one_rendering(live_server, graph):
    """Twenty readers arrive at once on a contest page whose results just changed: one
    renders it again, the others get the previous rendering (soft change, within its
    second) or wait for the new one."""
    import urllib.request

    url = live_server.url + graph["contest"].get_absolute_url()
    urllib.request.urlopen(url).read()  # noqa: S310 - stored
    renders = []

    def count(sender, template, **kwargs):
        if getattr(template, "name", None) == "elections/contest.html":
            renders.append(1)

    template_rendered.connect(count)
    try:
        result = graph["result"]
        result.votes = 262  # a soft change: a result
        result.save()
        barrier = threading.Barrier(20)
        statuses = []

        def read():
            barrier.wait()
            with urllib.request.urlopen(url) as response:  # noqa: S310
                statuses.append((response.status, response.headers["X-Cache"]))

        threads = [threading.Thread(target=read) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        template_rendered.disconnect(count)
    assert len(statuses) == 20 and {status for status, _ in statuses} == {200}
    assert len(renders) == 1, statuses


def test_an_unpublished_article_is_never_served_stale_even_under_a_rush(live_server, graph):
    import urllib.error
    import urllib.request

    url = live_server.url + graph["first"].get_absolute_url()
    urllib.request.urlopen(url).read()  # noqa: S310 - stored
    article = graph["first"]
    article.status = Status.DRAFT
    article.save()
    barrier = threading.Barrier(10)
    codes = []

    def read():
        barrier.wait()
        try:
            urllib.request.urlopen(url)  # noqa: S310
            codes.append(200)
        except urllib.error.HTTPError as error:
            codes.append(error.code)

    threads = [threading.Thread(target=read) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert codes == [404] * 10


def test_after_a_restore_no_page_shows_what_the_backup_does_not_hold(
    client, newsroom, tmp_path, monkeypatch
):
    from newsroom.ops import backups

    later = make.article(title="Écrit après la sauvegarde", slug="apres")
    home = "/"
    assert "Écrit après la sauvegarde" in client.get(home).content.decode()
    assert client.get(home)["X-Cache"] == "HIT"
    dump = tmp_path / "backup.dump"
    dump.write_bytes(b"")

    def restore(connection_, file):
        """What a restore does to the rows: replaced around the models (here the backup
        holds the article as a draft)."""
        with connection.cursor() as cursor:
            cursor.execute("UPDATE articles_article SET status = 'draft' WHERE id = %s", [later.pk])

    monkeypatch.setattr(backups, "restore", restore)
    call_command("restore_db", str(dump), interactive=False, stdout=io.StringIO())
    assert "Écrit après la sauvegarde" not in client.get(home).content.decode()
    assert client.get(later.get_absolute_url()).status_code == 404


# --- The rule, as a pure function -------------------------------------------------------

SECOND = 1_000_000_000


def entry(started: int, *, lives: float = 300) -> dict:
    return {"started": started, "stale_at": time.time() + lives, "keys": ["a", "b"]}


def test_a_page_is_fresh_while_no_key_changed_since_it_began_rendering():
    now = time.time_ns()
    stored = entry(started=now - 50 * SECOND)
    assert verdict(stored, {"a": (now - 60 * SECOND, 0), "b": (0, 0)}, now, SECOND) is Verdict.FRESH
    # Changed while it was rendering, or after: stale.
    assert verdict(stored, {"a": (now - 49 * SECOND, 0), "b": (0, 0)}, now, SECOND) is Verdict.STALE


def test_a_soft_change_may_be_served_stale_for_its_second_only():
    now = time.time_ns()
    stored = entry(started=now - 50 * SECOND)
    recent = {"a": (now - SECOND // 2, 0), "b": (0, 0)}
    assert verdict(stored, recent, now, SECOND) is Verdict.SERVABLE
    older = {"a": (now - 2 * SECOND, 0), "b": (now - SECOND // 2, 0)}
    assert verdict(stored, older, now, SECOND) is Verdict.STALE  # the first change counts


def test_a_hard_change_is_never_served_stale():
    now = time.time_ns()
    stored = entry(started=now - 50 * SECOND)
    hard = {"a": (now - SECOND // 2, now - SECOND // 2), "b": (0, 0)}
    assert verdict(stored, hard, now, SECOND) is Verdict.STALE


def test_an_expired_page_is_stale_whatever_its_keys():
    import time

    now = time.time_ns()
    assert verdict(entry(started=0, lives=60), {}, now, SECOND) is Verdict.FRESH
    assert verdict(entry(started=0, lives=-1), {}, now, SECOND) is Verdict.STALE


def test_a_result_box_shared_by_articles_shows_the_contest_status_change(client, graph):
    """The results box is one fragment shared by every article linking the contest: its
    status changes on each of them."""
    from elections.models import ContestStatus

    first, second = graph["first"].get_absolute_url(), graph["second"].get_absolute_url()
    assert "Résultats provisoires" not in client.get(first).content.decode()
    client.get(second)
    contest = graph["contest"]
    contest.status = ContestStatus.PROVISIONAL
    contest.save()
    for url in (first, second):
        assert "Résultats provisoires" in client.get(url).content.decode(), url


def test_a_status_change_committed_while_an_article_renders_is_not_lost(client, graph, monkeypatch):
    """The contest is read with the article, then its status changes before the page
    reaches its results box: that box was rendered from the older contest, so neither it
    nor the page may be kept as fresh; the next reader sees the new status."""
    from elections.models import ContestStatus
    from newsroom.caching.templatetags.public_fragments import PublicFragmentNode

    first = graph["first"].get_absolute_url()
    render = PublicFragmentNode.render
    changed = []

    def change_then_render(node, context):
        if not changed:
            changed.append(True)
            contest = Contest.objects.get(pk=graph["contest"].pk)
            contest.status = ContestStatus.PROVISIONAL
            contest.save()  # its keys stamped, the write committed
        return render(node, context)

    monkeypatch.setattr(PublicFragmentNode, "render", change_then_render)
    raced = client.get(first)
    assert "Résultats provisoires" not in raced.content.decode()
    # Its purge may already have reached an edge cache: no shared cache may keep it.
    assert "s-maxage=0" in raced["Cache-Control"]
    monkeypatch.setattr(PublicFragmentNode, "render", render)
    for _ in range(2):
        assert "Résultats provisoires" in client.get(first).content.decode()


def test_a_status_change_redraws_the_article_but_keeps_its_related_block(client, graph, admin_user):
    """The related block reads what it shows itself: a contest's status, shown by the
    article's results box, leaves it in the cache (no ranking query), still listing the
    other article on the same topic."""
    url = graph["first"].get_absolute_url()
    client.get(url)
    enter_figures(
        graph["contest"], graph["result"].candidacy, 262, admin_user, status="provisional"
    )
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "Résultats provisoires" in page
    assert "Le scrutin en Nouvelle-Calédonie" in page
    assert captured.captured_queries  # the page itself was drawn again
    assert not [q for q in captured.captured_queries if "theirs" in q["sql"]]
