import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from newsroom.articles.models import Article, ArticleNote, Section, Topic
from newsroom.articles.related import related_articles
from newsroom.demo import articles as demo
from newsroom.demo import content as demo_content
from newsroom.demo.management.commands.seed_demo import LOADERS
from newsroom.people.models import Person
from tests import factories as make

pytestmark = pytest.mark.django_db

HIDDEN = ["Brouillon : le corps électoral", "Programmé : Sonia Backès"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def seeded(media):
    make.contest(code="988", name="Nouvelle-Calédonie")
    demo.load()


def test_demo_runs_alone_and_twice_without_duplicates(media):
    first = demo.load()
    counts = (Article.objects.count(), Topic.objects.count(), ArticleNote.objects.count())
    second = demo.load()

    assert counts == (Article.objects.count(), Topic.objects.count(), ArticleNote.objects.count())
    assert Article.objects.count() == len(demo_content.ARTICLES) >= 15
    assert Article.objects.published().count() == len(demo_content.ARTICLES) - 2
    assert "Élections sénatoriales 2023 absent: articles not linked to contests" in first
    assert "0 illustrations drawn" in " ".join(second)
    # Persons the people demo would have made exist, with their name.
    assert Person.objects.get(slug="sonia-backes").name == "Sonia Backès"


def test_seed_demo_command_loads_every_app(media, capsys):
    call_command("seed_demo")
    assert "Demo newsroom loaded." in capsys.readouterr().out
    assert Article.objects.filter(slug=demo_content.DEFEAT).exists()


def test_plain_seed_demo_creates_no_account(media):
    call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.exists()


def test_the_demo_accounts_come_only_with_their_flag_and_debug(media, settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("seed_demo", "--with-demo-accounts", stdout=out)

    names = {username for username, *_ in demo.DEMO_ACCOUNTS}
    assert set(User.objects.filter(is_staff=True).values_list("username", flat=True)) == names
    assert f"demo accounts: {len(names)} ({len(names)} new)" in out.getvalue()


def test_the_demo_accounts_are_refused_when_debug_is_off(media, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", "--with-demo-accounts", stdout=io.StringIO())

    assert not User.objects.exists()


def test_lead_images_are_drawn_into_media_root_with_alt_caption_and_credit(seeded, media):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    assert (media / defeat.lead_image.name).read_bytes().startswith(b"\x89PNG")
    assert defeat.lead_image_alt and defeat.lead_image_caption
    assert defeat.lead_image_credit == "Illustration Newsroom"


def test_source_stories_form_one_chain_linked_to_the_contest_and_persons(seeded):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    resignation = Article.objects.get(slug=demo_content.RESIGNATION)
    report = Article.objects.get(slug=demo_content.REPORT)

    assert (resignation.previous, report.previous) == (defeat, resignation)
    assert report.language == "en"
    for article in (defeat, resignation, report):
        assert article.contests.get().constituency.code == "988"
        assert "sonia-backes" in {p.slug for p in article.persons.all()}
    assert [a.slug for a in defeat.authors.all()] == ["guillaume-jacquot"]
    assert [a.slug for a in resignation.authors.all()] == ["hugo-ruaud"]
    assert f'href="{demo_content.MAP_URL}"' in resignation.body


def test_defeat_page_shows_every_block_and_four_scored_related(client, site, seeded):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    html = client.get(defeat.get_absolute_url()).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    for label in [
        "Sénatoriales 2023",
        "Temps de lecture :",
        "Publié le 24 septembre 2023 à 10 h 15",
        "Par Guillaume Jacquot",
        "Mis à jour le",
        "Illustration Newsroom",
        "Partager cet article",
        "La suite",
        "Élections sénatoriales 2023 — Nouvelle-Calédonie",
        "Les personnes citées",
        "Pour aller plus loin",
        "Dans la même thématique",
    ]:
        assert label in text, label
    assert "<figcaption>" in html
    related = list(related_articles(defeat))
    assert len(related) == 4
    assert all(article.is_public for article in related)
    related_block = html.split("Dans la même thématique", 1)[1]
    for article in related:
        assert f'href="{article.get_absolute_url()}"' in related_block


def test_resignation_page_links_back_to_the_defeat(client, site, seeded):
    resignation = Article.objects.get(slug=demo_content.RESIGNATION)
    html = client.get(resignation.get_absolute_url()).content.decode()
    earlier = html.split("Ce que nous avons déjà publié", 1)[1].split("</ol>", 1)[0]
    assert f'href="/article/{demo_content.DEFEAT}/"' in earlier


def test_draft_and_scheduled_demo_articles_are_nowhere_on_article_pages(client, site, seeded):
    for article in Article.objects.published():
        html = client.get(article.get_absolute_url()).content.decode()
        assert not any(title in html for title in HIDDEN), article.slug
    for hidden in Article.objects.exclude(pk__in=Article.objects.published()):
        assert client.get(hidden.get_absolute_url()).status_code == 404
    backes = Person.objects.get(slug="sonia-backes")
    html = client.get(backes.get_absolute_url()).content.decode()
    assert "Battue aux sénatoriales" in html
    assert not any(title in html for title in HIDDEN)


@pytest.fixture
def whole_demo(media):
    for loader in LOADERS:  # people, elections, articles: what `seed_demo` loads
        loader.load()


def test_every_section_in_the_menu_has_at_least_three_public_articles(client, whole_demo):
    for section in Section.objects.for_navigation():
        page = client.get(section.get_absolute_url()).content.decode()
        listed = re.findall(r'<article class="card article-card"', page)
        assert len(listed) >= 3, section.name
