import datetime
import json
import re
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.articles.models import Article, ArticleNote, Language, NoteKind, Status
from tests import factories as make

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DEFEAT_TIME = datetime.datetime(2023, 9, 24, 10, 15, tzinfo=PARIS)


@pytest.fixture
def story(site):
    """The defeat article with every block filled, its follow-up, and related articles."""
    senate = make.topic(name="Sénatoriales 2023")
    backes = make.person(name="Sonia Backès", sort_name="Backès", gender="female")
    xowie = make.person(name="Robert Xowie", sort_name="Xowie", gender="male")
    make.membership(backes, role="Présidente de la province Sud", end_date=None)
    flnks = make.organisation(name="FLNKS", acronym="FLNKS", colour="#2e7d32")
    contest = make.contest(winners=[(xowie, 2, flnks)])
    author = make.person(name="Guillaume Jacquot")
    picked = make.article(title="Le corps électoral calédonien", published_at=DEFEAT_TIME)
    defeat = make.article(
        title="Sonia Backès battue",
        slug="backes-battue",
        kicker="Sénatoriales 2023",
        standfirst="La secrétaire d'État a perdu au second tour.",
        body="<p>Premier revers pour l'exécutif.</p>",
        published_at=DEFEAT_TIME,
        topics=[senate],
        persons=[backes, xowie],
        authors=[author],
        contests=[contest],
        further_reading=[picked],
    )
    resignation = make.article(
        title="Sonia Backès démissionne",
        previous=defeat,
        topics=[senate],
        persons=[backes],
        published_at=DEFEAT_TIME + datetime.timedelta(days=3),
    )
    for n in range(4):
        make.article(title=f"Autre sénatoriale {n}", topics=[senate])
    return {"defeat": defeat, "resignation": resignation, "picked": picked, "contest": contest}


def get(client, article: Article, prefix: str = ""):
    response = client.get(prefix + article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_its_blocks_in_order_with_real_links(client, story):
    page = get(client, story["defeat"])
    html = page[page.index('<article class="article"') :]
    blocks = [
        'href="/rubrique/politique/"',
        'href="/dossier/senatoriales-2023/"',
        'class="article__kicker">Sénatoriales 2023<',
        "<h1",
        "La secrétaire d&#x27;État a perdu au second tour.",
        'Par <a href="/personnes/guillaume-jacquot/" rel="author">Guillaume Jacquot</a>',
        "Temps de lecture :",
        "Publié le",
        "Premier revers pour l'exécutif.",
        "Partager cet article",
        "La suite",
        'href="/article/' + story["resignation"].slug + '/"',
        "Élections sénatoriales 2023 — Nouvelle-Calédonie",
        'href="/personnes/robert-xowie/">Robert Xowie</a>',
        "Les personnes citées",
        "Présidente de la province Sud",
        "Pour aller plus loin",
        'href="/article/' + story["picked"].slug + '/"',
        "Dans la même thématique",
    ]
    positions = [html.find(block) for block in blocks]
    missing = [block for block, at in zip(blocks, positions, strict=True) if at < 0]
    assert not missing
    assert positions == sorted(positions)
    assert "élu au second tour" in html
    assert "background: #2e7d32" in html


def test_publication_time_reads_in_french_with_the_paris_time(client, story):
    html = get(client, story["defeat"])
    assert ">24 septembre 2023 à 10 h 15</time>" in html


def test_updated_line_shows_only_when_an_editor_set_it(client, story):
    defeat = story["defeat"]
    assert "Mis à jour le" not in get(client, defeat)

    defeat.updated_at = DEFEAT_TIME + datetime.timedelta(hours=2, minutes=5)
    defeat.save(update_fields=["updated_at"])
    html = get(client, defeat)
    assert "Mis à jour le" in html
    assert ">24 septembre 2023 à 12 h 20</time>" in html


def test_english_article_reads_english_labels_and_lang(client):
    topic, person = make.topic(), make.person()
    make.article(title="Earlier", topics=[topic])
    article = make.article(
        language=Language.ENGLISH,
        published_at=DEFEAT_TIME,
        authors=[make.person()],
        persons=[person],
        topics=[topic],
    )
    html = get(client, article)  # at /en/: an article's page is in its own language
    assert article.get_absolute_url().startswith("/en/")
    assert '<html lang="en">' in html
    for label in ["Reading time:", "Published", "Share this article", "On the same topic"]:
        assert label in html
    assert ">24 September 2023 at 10:15</time>" in html
    assert "Publié le" not in html
    # Its links stay in the English interface.
    page = html[html.index('<article class="article"') : html.index("<footer")]
    assert f'href="/en/people/{person.slug}/"' in page
    # Its address under the other interface moves there for good.
    french_interface = client.get(article.get_absolute_url().removeprefix("/en"))
    assert french_interface.status_code == 301
    assert french_interface["Location"] == article.get_absolute_url()


def test_a_french_article_is_served_only_at_its_french_address(client, story):
    response = client.get("/en" + story["defeat"].get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == story["defeat"].get_absolute_url()
    html = get(client, story["defeat"])
    canonical = (
        f'<link rel="canonical" href="http://testserver{story["defeat"].get_absolute_url()}">'
    )
    assert canonical in html
    assert 'hreflang="en"' not in html.split("</head>")[0]


def test_the_english_interface_links_a_french_article_with_its_language(client, story):
    with translation.override("en"):
        url = reverse("articles:topic", args=[story["defeat"].topics.first().slug])
    page = client.get(url).content.decode()
    link = f'<a href="{story["defeat"].get_absolute_url()}" hreflang="fr">'
    assert link in page
    assert '<span class="language-mark" lang="en">(in French)</span>' in page


def test_body_is_sanitised_at_output_even_when_stored_unsafe(client):
    article = make.article()
    # QuerySet.update() skips Article.save() and its cleaning.
    Article.objects.filter(pk=article.pk).update(
        body='<p onclick="steal()">Texte</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">lien</a>'
    )
    html = get(client, article)
    body = html.split('class="article-body">', 1)[1].split("</div>", 1)[0]
    assert "Texte" in body
    assert "onclick" not in body and "<script" not in body and "javascript:" not in body


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=30)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_article_is_404_for_readers_and_kept_off_the_page(client, story, hidden):
    hidden_article = make.article(
        title="Article caché",
        previous=story["defeat"],
        topics=list(story["defeat"].topics.all()),
        **hidden,
    )
    story["defeat"].further_reading.add(hidden_article)

    assert client.get(hidden_article.get_absolute_url()).status_code == 404
    assert "Article caché" not in get(client, story["defeat"])


def test_staff_preview_an_unpublished_article_never_cached(client):
    draft = make.article(status=Status.DRAFT)
    client.force_login(User.objects.create_user("editor", is_staff=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_resignation_links_back_to_the_defeat(client, story):
    html = get(client, story["resignation"])
    earlier = html.split("Ce que nous avons déjà publié", 1)[1]
    assert f'href="{story["defeat"].get_absolute_url()}"' in earlier.split("</ol>", 1)[0]


def test_share_block_offers_plain_links_and_a_script_enhanced_copy_button(client, story):
    html = get(client, story["defeat"])
    url = "http%3A%2F%2Ftestserver%2Farticle%2Fbackes-battue%2F"
    for href in [
        f"https://x.com/intent/post?text=Sonia+Back%C3%A8s+battue&amp;url={url}",
        f"https://www.facebook.com/sharer/sharer.php?u={url}",
        f"https://www.linkedin.com/sharing/share-offsite/?url={url}",
        "https://wa.me/?text=Sonia+Back%C3%A8s+battue+" + url,
        "https://bsky.app/intent/compose?text=Sonia+Back%C3%A8s+battue+" + url,
        "mailto:?subject=Sonia%20Back%C3%A8s%20battue&amp;body=http%3A//testserver/article/",
    ]:
        assert href in html
    assert re.search(r'<button type="button" class="share__copy"[^>]* hidden>', html)
    assert '<script src="/static/js/article-share.js" defer></script>' in html
    # No inline script other than the JSON-LD data block.
    assert re.findall(r"<script(?![^>]*(?:src=|application/ld\+json))", html) == []


def test_head_carries_description_and_opengraph_article_tags(client, story):
    html = get(client, story["defeat"])
    assert (
        '<meta name="description" content="La secrétaire d&#x27;État a perdu au second tour.">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Sonia Backès battue">' in html
    # No lead image: the share image is drawn over the dossier's or the site's colour.
    slug = story["defeat"].slug
    assert (
        f'<meta property="og:image" content="http://testserver/article/{slug}/partage.png?v='
        in html
    )


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_json_ld_describes_the_news_article(client, story):
    defeat = story["defeat"]
    ArticleNote.objects.create(
        article=defeat, kind=NoteKind.CORRECTION, text="Le nom a été corrigé.",
        noted_at=DEFEAT_TIME + datetime.timedelta(hours=3),
    )  # fmt: skip
    ArticleNote.objects.create(article=defeat, kind=NoteKind.UPDATE, text="Réaction ajoutée.")

    data = json_ld(get(client, defeat))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Sonia Backès battue"
    assert data["description"] == "La secrétaire d'État a perdu au second tour."
    assert data["datePublished"] == "2023-09-24T08:15:00+00:00"
    assert data["dateModified"] == data["datePublished"]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Guillaume Jacquot",
            "url": "http://testserver/personnes/guillaume-jacquot/",
        }
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "Newsroom"}
    assert data["inLanguage"] == "fr"
    assert data["articleSection"] == "Politique"
    assert [p["name"] for p in data["about"]] == ["Sonia Backès", "Robert Xowie"]
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Le nom a été corrigé.",
            "datePublished": "2023-09-24T11:15:00+00:00",
        }
    ]
    # No lead image: only the share image drawn by the server.
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": data["image"][0]["url"],
            "width": 1200,
            "height": 630,
        }
    ]
    assert data["image"][0]["url"].startswith(
        "http://testserver/article/backes-battue/partage.png?v="
    )


def test_an_unsigned_article_is_signed_by_the_newsroom_on_the_page_and_in_json_ld(client, site):
    english = make.article(language="en", title="A report", authors=[])
    page = get(client, english)
    assert '<p class="article__byline">By the Newsroom staff</p>' in page
    assert json_ld(page)["author"] == [
        {"@type": "Organization", "name": "Newsroom", "url": "http://testserver/en/"}
    ]
    french = get(client, make.article(title="Un article", authors=[]))
    assert '<p class="article__byline">Par la rédaction de Newsroom</p>' in french


def test_json_ld_date_modified_is_the_editor_set_update(client, story):
    defeat = story["defeat"]
    defeat.updated_at = DEFEAT_TIME + datetime.timedelta(days=1)
    defeat.save(update_fields=["updated_at"])
    data = json_ld(get(client, defeat))
    assert data["dateModified"] == "2023-09-25T08:15:00+00:00"


def test_json_ld_cannot_be_broken_out_of(client):
    title = 'Fin</script><script>alert("x")</script> & <!--'
    data = json_ld(get(client, make.article(title=title, standfirst="</SCRIPT>")))
    assert data["headline"] == title
    assert data["description"] == "</SCRIPT>"


def test_page_query_count_does_not_grow_with_its_links(client, story, django_assert_num_queries):
    # Every cache empty: 1 article + section, 2 topics, 3 authors, 4 notes, 5 linked
    # persons, 6 contests + election + constituency (`for_page`), 7 the site's name, 8 the
    # menu with the next scheduled publication (`furniture`), 9 the story and further
    # reading (`neighbours`), 10 the contests' official winners + person + party and 11
    # their race calls (`linked_contests`; one more for whom calls name, none here), 12
    # the persons' current memberships + organisation (`cited_persons`), 13 the related
    # block (`related_articles`; one more only when fewer than four articles share a link
    # and the section's latest fill it).
    with django_assert_num_queries(13):
        get(client, story["defeat"])

    defeat = story["defeat"]
    defeat.persons.add(*[make.person() for _ in range(5)])
    defeat.topics.add(*[make.topic() for _ in range(5)])
    counted = make.contest(
        code="75", name="Paris", candidates=[("Alice", 50, None), ("Bob", 30, None)]
    )
    defeat.contests.add(counted, make.contest(code="13", name="Bouches-du-Rhône"))
    for _ in range(3):
        make.article(previous=defeat)
    with django_assert_num_queries(13):
        get(client, defeat)


def test_a_lead_image_missing_from_storage_leaves_no_broken_image(client, caplog):
    article = make.article(
        lead_image="articles/missing-on-this-server.png",
        lead_image_alt="Une illustration",
        lead_image_caption="La légende.",
    )
    assert (article.lead_image_width, article.lead_image_height) == (None, None)
    html = get(client, article)
    assert "missing-on-this-server" not in html.split('<script type="application/ld+json">')[0]
    assert "<figcaption>" not in html
    # The share image is drawn over the colour instead.
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "no figure rendition of articles/missing-on-this-server.png" in caplog.text
    image = client.get(reverse("articles:image", args=[article.slug]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_results_box_links_to_the_contest_page(client, story):
    html = get(client, story["defeat"])
    box = html.split('class="article-block results-box"', 1)[1].split("</section>", 1)[0]
    assert '<a class="results-box__link" href="/elections/senatoriales-2023/988/">' in box


def test_results_box_says_when_winners_are_not_proclaimed(client):
    contest = make.contest(status="counting")
    html = get(client, make.article(contests=[contest]))
    assert "Les élus n'ont pas encore été proclamés." in html
    assert "Dépouillement en cours" in html


def test_breadcrumb_leads_home_to_the_section_and_the_first_dossier(client, site, section):
    dossier = make.topic(name="Sénatoriales 2023")
    article = make.article(section, topics=[dossier])
    html = client.get(article.get_absolute_url()).content.decode()
    crumb = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    home, dossier = crumb.index('href="/"'), crumb.index('href="/dossier/senatoriales-2023/"')
    assert home < crumb.index(section.get_absolute_url()) < dossier
