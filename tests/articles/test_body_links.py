"""Links inside an article's text to the persons and contests it names: pasted in the
editor as the page's address, refused at save when they lead nowhere, and shown to readers
as links to those pages, in the article's language."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from newsroom.articles import body_links
from newsroom.articles.models import Article
from newsroom.demo import content as demo_content
from tests import factories as make
from tests.admin_form import form_data

pytestmark = pytest.mark.django_db


def test_internal_addresses_are_read_once_each_and_external_ones_left_out():
    html = (
        '<p><a href="/personnes/robert-xowie/">Robert Xowie</a>, '
        '<a href="https://www.senat.fr/">le Sénat</a>, '
        '<a href="/personnes/robert-xowie/">lui encore</a>, '
        '<a href="//ailleurs.example/x">ailleurs</a> et '
        '<a href="/elections/senatoriales-2023/988/#tour-2">le second tour</a></p>'
    )
    assert body_links.internal_addresses(html) == [
        "/personnes/robert-xowie/",
        "/elections/senatoriales-2023/988/#tour-2",
    ]


def test_links_to_data_pages_are_shown_in_the_article_language():
    html = (
        '<p><a href="/personnes/robert-xowie/">Robert Xowie</a> '
        '<a href="/elections/senatoriales-2023/988/#tour-2">results</a> '
        '<a href="/rubrique/politique/">section</a> '
        '<a href="https://www.senat.fr/" rel="noopener noreferrer">Senate</a></p>'
    )
    english = body_links.in_language(html, "en")
    assert '<a href="/en/people/robert-xowie/">Robert Xowie</a>' in english
    assert '<a href="/en/elections/senatoriales-2023/988/#tour-2">results</a>' in english
    # Other pages and other sites are kept as written.
    assert '<a href="/rubrique/politique/">section</a>' in english
    assert '<a href="https://www.senat.fr/" rel="noopener noreferrer">Senate</a>' in english
    assert body_links.in_language(english, "fr").startswith(
        '<p><a href="/personnes/robert-xowie/">Robert Xowie</a> '
        '<a href="/elections/senatoriales-2023/988/#tour-2">'
    )


def test_a_link_that_leads_nowhere_is_refused_with_its_address():
    person = make.person(name="Robert Xowie", slug="robert-xowie")
    make.contest(code="988")
    good = make.article(
        body=(
            f'<p><a href="{person.get_absolute_url()}">Robert Xowie</a> '
            '<a href="/elections/senatoriales-2023/988/">résultats</a> '
            '<a href="/en/people/robert-xowie/">in English</a> '
            '<a href="/media/articles/photo.jpg">photo</a></p>'
        )
    )
    good.full_clean()
    for dead in (
        "/personnes/personne-inconnue/",
        "/elections/senatoriales-2023/999/",
        "/article/pas-d-article-ici/",
        "/nulle-part/",
    ):
        article = Article(**{**model_fields(good), "body": f'<p><a href="{dead}">x</a></p>'})
        with pytest.raises(ValidationError) as refused:
            article.clean()
        assert dead in str(refused.value.message_dict["body"]), dead


def model_fields(article: Article) -> dict:
    return {
        field.attname: getattr(article, field.attname)
        for field in Article._meta.concrete_fields
        if field.attname not in ("id", "slug")
    } | {"slug": "autre"}


def test_the_editor_is_told_the_addresses_and_a_dead_link_is_refused_keeping_the_text(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    person = make.person(name="Robert Xowie", slug="robert-xowie")
    article = make.article(persons=[person])
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    assert "Robert Xowie : <code>/personnes/robert-xowie/</code>" in page.content.decode()
    data = form_data(page)
    body = '<p>Selon <a href="/personnes/robert-xwie/">Robert Xowie</a>, le texte reste.</p>'
    refused = client.post(url, {**data, "body": body, "_save": "1"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Ces liens du texte ne mènent à aucune page du site : /personnes/robert-xwie/." in html
    assert "le texte reste" in html
    article.refresh_from_db()
    assert "robert-xwie" not in article.body
    fixed = body.replace("robert-xwie", "robert-xowie")
    saved = client.post(url, {**form_data(client.get(url)), "body": fixed, "_save": "1"})
    assert saved.status_code == 302
    article.refresh_from_db()
    assert '<a href="/personnes/robert-xowie/"' in article.body


def test_readers_follow_the_links_in_both_articles(client, demo_newsroom):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    html = client.get(defeat.get_absolute_url()).content.decode()
    body = html.split('class="article-body">', 1)[1].split("</div>", 1)[0]
    assert '<a href="/personnes/robert-xowie/" rel="noopener noreferrer">Robert Xowie</a>' in body
    assert '<a href="/elections/senatoriales-2023/988/"' in body
    report = Article.objects.get(slug=demo_content.REPORT)
    html = client.get(report.get_absolute_url()).content.decode()
    body = html.split('class="article-body">', 1)[1].split("</div>", 1)[0]
    assert '<a href="/en/people/robert-xowie/" rel="noopener noreferrer">Robert Xowie</a>' in body
    for address in ("/personnes/robert-xowie/", "/en/people/robert-xowie/"):
        assert client.get(address).status_code == 200
