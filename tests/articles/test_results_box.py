"""The article's results box: who won and the status with the article, the deciding
round's figures from the contest itself (loaded when the article is shown, polled while it
is counted), in the article's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.articles.models import Article
from newsroom.demo import content as demo_content

pytestmark = pytest.mark.django_db


def figures_url(html: str) -> str:
    box = re.search(r'<section class="article-block results-box".*?</section>', html, re.S)
    return re.search(r'class="results-box__figures" data-hx-get="([^"]+)"', box.group(0))[1]


def test_the_defeat_article_shows_the_second_round_figures(client, demo_newsroom):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    html = client.get(defeat.get_absolute_url()).content.decode()
    url = figures_url(html)
    assert url == reverse("elections:contest_box", args=["senatoriales-2023", "988"])
    figures = client.get(url, headers={"HX-Request": "true"})
    assert figures.status_code == 200
    assert figures["X-Robots-Tag"] == "noindex"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", figures.content.decode()))
    assert "Second tour" in text
    assert re.search(r"Robert Xowie élu au second tour 307 55,32 %", text), text
    assert re.search(r"Sonia Backès 246 44,32 %", text), text
    # A final contest is not polled.
    assert "every 30s" not in figures.content.decode()


def test_the_english_report_loads_them_in_english(client, demo_newsroom):
    report = Article.objects.get(slug=demo_content.REPORT)
    url = figures_url(client.get(report.get_absolute_url()).content.decode())
    with translation.override("en"):
        assert url == reverse("elections:contest_box", args=["senatoriales-2023", "988"])
    assert url.startswith("/en/elections/senatoriales-2023/988/box/")
    text = client.get(url).content.decode()
    assert "Second round" in text and "elected in the second round" in text
    assert ">307</td>" in text
