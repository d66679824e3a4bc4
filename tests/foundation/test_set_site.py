"""`set_site`: a fresh production database says example.com in every feed, sitemap and
page header until the site's domain and name are set, once, by this command."""

import io

import pytest
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command

from newsroom.demo.articles import load_site

pytestmark = pytest.mark.django_db


def set_site(*args: str) -> str:
    out = io.StringIO()
    call_command("set_site", *args, stdout=out)
    return out.getvalue()


def test_a_fresh_database_gets_its_domain_and_name_then_rerunning_changes_nothing(client):
    assert Site.objects.get_current().domain == "example.com"  # what migrate leaves

    first = set_site("--domain", "news.example.org", "--name", "Le Quotidien")
    again = set_site("--domain", "news.example.org", "--name", "Le Quotidien")

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("news.example.org", "Le Quotidien")
    assert "updated" in first and "unchanged" in again
    assert Site.objects.count() == 1
    feed = client.get("/flux/").text
    assert "<link>http://news.example.org/" in feed and "example.com" not in feed
    assert "Le Quotidien" in client.get("/").text


@pytest.mark.parametrize("domain", ["https://news.example.org", "news.example.org/fr/", "a b"])
def test_a_url_or_a_spaced_name_is_refused_and_nothing_changes(domain):
    with pytest.raises(CommandError, match="host name"):
        set_site("--domain", domain, "--name", "Le Quotidien")

    assert Site.objects.get_current().domain == "example.com"


def test_loading_the_demo_keeps_a_domain_set_for_production(monkeypatch):
    monkeypatch.delenv("SITE_DOMAIN", raising=False)
    set_site("--domain", "news.example.org", "--name", "Le Quotidien")
    load_site()
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("news.example.org", "Le Quotidien")


def test_loading_the_demo_names_a_fresh_site(monkeypatch):
    monkeypatch.delenv("SITE_DOMAIN", raising=False)
    load_site()
    assert Site.objects.get_current().domain == "127.0.0.1:8000"
