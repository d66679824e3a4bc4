"""Through the edge: a contest's widget keeps its framing policy and sets no cookie, and a
results write purges the widget, its share image and its feed with the contest page, so
partner sites, link previews and feed readers see the figure as soon as readers do."""

import pytest
from django.urls import reverse

from elections.models import RoundResult
from tests import factories as make

from .test_varnish import warm

pytestmark = [pytest.mark.edge, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contest(site):
    return make.contest(
        status="provisional",
        candidates=[("Robert Xowie", 50, None), ("Sonia Backès", 30, None)],
    )


def addresses(contest) -> dict[str, str]:
    args = [contest.election.slug, contest.constituency.code]
    return {
        "widget": reverse("embeds:contest", args=args),
        "image": reverse("elections:contest_image", args=args),
        "feed": reverse("articles:contest_feed", args=args),
    }


def test_the_widget_keeps_its_policy_at_the_edge_and_nothing_else_is_frameable(edge, contest):
    widget = addresses(contest)["widget"]
    warm(edge, widget)
    kept = edge.get(widget)
    assert kept.headers["X-Edge"] == "HIT"
    assert "frame-ancestors *" in kept.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in kept.headers and "Set-Cookie" not in kept.headers
    page = edge.get(contest.get_absolute_url())
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_a_results_write_purges_the_widget_image_and_feed(edge, contest):
    found = addresses(contest)
    for path in found.values():
        warm(edge, path)
    before = {name: edge.get(path) for name, path in found.items()}
    result = RoundResult.objects.filter(round__contest=contest).order_by("-votes").first()
    result.votes = 61
    result.save()
    after = {name: edge.get(path) for name, path in found.items()}
    for name in found:
        assert after[name].headers["X-Edge"] == "MISS", name
    assert ">61<" in after["widget"].text and ">61<" not in before["widget"].text
    assert after["image"].text != before["image"].text  # the card drawn again
    assert after["feed"].status == 200
