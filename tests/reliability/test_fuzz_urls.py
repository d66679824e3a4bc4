"""Bad input on the public URL space: whatever a crawler, a fuzzer or a broken client sends
(unknown slugs, odd pages, huge or non-UTF-8 query strings, odd language and htmx headers,
garbage validators), a public URL answers a normal page, a redirect, 304 or a 4xx; never a 5xx.

The patterns are read from the URLconf, so a page added later is fuzzed too. Hypothesis runs
derandomized: the same examples on every run, so CI is stable.
"""

import re
import string
import time
from functools import cache
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from elections.models import Constituency, Contest, Election
from newsroom.articles.models import Article, Section, Topic
from newsroom.people.models import Organisation, Person

from .conftest import fuzz_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_newsroom")]

# Not public pages: the admin has its own tests, set_language is a POST, media is DEBUG only.
PRIVATE_PREFIXES = ("admin/", "i18n/", "media/", "static/")
LANGUAGES = ["fr", "en"]
FUZZ = fuzz_settings(max_examples=60)


def public_patterns(patterns=None, namespace: str = "", prefix: str = "") -> list:
    """(URL name, {argument: converter}) of every named public pattern."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += public_patterns(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, dict(entry.pattern.converters)))
    return sorted(found, key=lambda item: item[0])


PATTERNS = public_patterns()
# The sitemap lists every person (about a second a request): the corpus tests cover it, the
# random examples are spent on the other pages.
FAST_PATTERNS = [name for name, _converters in PATTERNS if not name.startswith("sitemap")]


@cache
def known_values() -> dict[str, list[str]]:
    """Real values of each URL argument, so that the fuzz reaches the views and not only
    the 404 of an unknown slug."""
    slugs = []
    for model in (Article, Section, Topic, Person, Organisation, Election):
        slugs += model.objects.order_by("pk").values_list("slug", flat=True)[:5]
    return {
        "slug": slugs,
        "code": list(Constituency.objects.order_by("code").values_list("code", flat=True)[:8]),
        # By number: a contest's results box (elections:results_box).
        "pk": [str(pk) for pk in Contest.objects.order_by("pk").values_list("pk", flat=True)[:5]],
    }


KNOWN_ARGUMENTS = {"slug", "code", "pk"}


def valid_kwargs(name: str, converters: dict) -> dict[str, str]:
    """Arguments naming an existing object for this pattern."""
    article = Article.objects.published().filter(authors__isnull=False, topics__isnull=False)[0]
    contest = Contest.objects.select_related("election", "constituency").order_by("pk")[0]
    slugs = {
        "articles:detail": article.slug,
        "articles:image": article.slug,
        "articles:author": article.authors.all()[0].slug,
        "articles:section": article.section.slug,
        "articles:section_feed": article.section.slug,
        "articles:topic": article.topics.all()[0].slug,
        "articles:topic_feed": article.topics.all()[0].slug,
        "people:person": Person.objects.order_by("pk")[0].slug,
        "people:organisation": Organisation.objects.order_by("pk")[0].slug,
    }
    # The feeds to follow a person, an organisation or an author: those of the pages above.
    slugs["articles:author_feed"] = slugs["articles:author"]
    slugs["articles:person_feed"] = slugs["people:person"]
    slugs["articles:organisation_feed"] = slugs["people:organisation"]
    # The widgets of those pages.
    slugs["embeds:article"] = slugs["articles:detail"]
    slugs["embeds:person"] = slugs["people:person"]
    live_blog = Article.objects.published().filter(live_blog=True).order_by("pk").first()
    if live_blog is not None:  # the demo's archived one
        slugs["articles:live_poll"] = slugs["articles:live_stream"] = live_blog.slug
    values = {
        "slug": slugs.get(name, contest.election.slug),
        "code": contest.constituency.code,
        "pk": str(contest.pk),
    }
    # An argument with no known value (a signed token…) gets a placeholder: the page is a 404.
    return {argument: values.get(argument, "x") for argument in converters}


# Values that broke or could break a page: non-ASCII digits that str.isdigit() accepts,
# NUL (PostgreSQL refuses it in a string), huge numbers, path tricks, markup, long text.
NASTY = [
    "",
    "0",
    "-1",
    "1.5",
    "1e9",
    "99999999999999999999999",
    "²",
    "٣",
    "１",
    "\x00",
    "a\x00b",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e\ufeff\u200b",
    "a" * 5000,
    "é" * 300,
    "1" * 5000,
]
DANGEROUS = ["²", "\x00", "99999999999999999999999"]
# A plain request, an htmx one, and the fragments the map page answers to its htmx targets.
HTMX_VARIANTS = [
    {},
    {"HX-Request": "true"},
    {"HX-Request": "true", "HX-Target": "map-panel"},
    {"HX-Request": "true", "HX-Target": "map-search-results"},
]
nasty_text = st.one_of(st.text(max_size=40), st.sampled_from(NASTY))
SLOW_PAGE = 0.15  # seconds
PARAMETERS = [
    "page",
    "p",
    "tour",
    "q",
    "lettre",
    "organisation",
    "circonscription",
    "tri",
    "format",
    "url",
    "maxwidth",
]
query_params = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), nasty_text),
    max_size=4,
)
header_values = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60),
    st.sampled_from(["true", "false", "", "*", "fr", "en", "main", "map-panel"]),
)
accept_language = st.one_of(
    header_values,
    st.sampled_from(
        [
            "en-GB,en;q=0.9",
            "zz-ZZ",
            "*;q=abc",
            "fr;q=1.5, en;q=-1",
            "x" * 600,
            ",,,;;;",
            "en-" + "a" * 100,
            "de, en-US;q=0.8, fr-CA;q=0.5",
        ]
    ),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Accept-Language": accept_language,
        "HX-Request": header_values,
        "HX-Target": header_values,
        "HX-Current-URL": header_values,
        "HX-Boosted": header_values,
        "HX-History-Restore-Request": header_values,
        "If-None-Match": st.one_of(header_values, st.just('"abc", W/"", *')),
        "If-Modified-Since": header_values,
        "Accept": header_values,
        "Range": header_values,
    },
)


def argument(converter) -> st.SearchStrategy[str]:
    """Any value the converter accepts: the view runs with it (most are unknown objects)."""
    return st.from_regex(converter.regex, fullmatch=True).filter(lambda value: len(value) < 300)


@st.composite
def requests(draw) -> tuple[str, str, dict[str, str]]:
    name = draw(st.sampled_from(FAST_PATTERNS))
    converters = dict(PATTERNS)[name]
    values = known_values()
    kwargs = {
        arg: draw(st.one_of(st.sampled_from(values.get(arg) or ["x"]), argument(converter)))
        for arg, converter in converters.items()
    }
    with translation.override(draw(st.sampled_from(LANGUAGES))):
        path = reverse(name, kwargs=kwargs)
    return path, urlencode(draw(query_params)), draw(headers)


def assert_no_server_error(path: str, query_string: str, request_headers: dict) -> None:
    client = Client(raise_request_exception=True)
    target = f"{path}?{query_string!r} headers={request_headers!r}"
    try:
        response = client.get(path, QUERY_STRING=query_string, headers=request_headers)
    except Exception as error:  # noqa: BLE001 - any exception here is a 500 for the reader
        pytest.fail(f"500 on {target}: {error!r}")
    # oEmbed answers a format it does not offer with 501, as its specification says.
    spec_answer = path == reverse("oembed") and response.status_code == 501
    assert response.status_code < 500 or spec_answer, f"{response.status_code} on {target}"


def real_query(name: str) -> str:
    """The query a page needs to answer at all: oEmbed is asked about one of our pages."""
    if name != "oembed":
        return ""
    contest = Contest.objects.select_related("election", "constituency").order_by("pk")[0]
    return urlencode({"url": f"http://testserver{contest.get_absolute_url()}", "format": "json"})


def test_fuzz_covers_every_public_page():
    names = {name for name, _converters in PATTERNS}
    expected = {
        "home",
        "healthz",
        "robots",
        "sitemap",
        "sitemap_news",
        "articles:detail",
        "articles:section",
        "articles:topic",
        "articles:author",
        "articles:search",
        "articles:feed",
        "articles:section_feed",
        "articles:topic_feed",
        "people:index",
        "people:person",
        "people:organisation",
        "elections:election",
        "elections:contest",
        "elections:contest_results",
        "elections:contest_json",
        "elections:contest_csv",
    }
    assert expected <= names, expected - names


@pytest.mark.parametrize("name", [name for name, _converters in PATTERNS])
def test_each_public_page_answers_with_real_arguments(name):
    """The fuzz starts from pages that work: each pattern, with real objects, is not an error."""
    converters = dict(PATTERNS)[name]
    for language in LANGUAGES:
        with translation.override(language):
            path = reverse(name, kwargs=valid_kwargs(name, converters))
        response = Client().get(path, QUERY_STRING=real_query(name))
        expected = (200, 301, 302) if set(converters) <= KNOWN_ARGUMENTS else (200, 301, 302, 404)
        assert response.status_code in expected, (path, response.status_code)


@pytest.mark.parametrize("name", [name for name, _converters in PATTERNS])
def test_odd_url_arguments_never_answer_5xx(name):
    """Each argument of each pattern, in turn, gets every odd value its converter accepts."""
    converters = dict(PATTERNS)[name]
    for argument_name, converter in converters.items():
        for value in NASTY:
            if not re.fullmatch(converter.regex, value):
                continue
            kwargs = {**valid_kwargs(name, converters), argument_name: value}
            assert_no_server_error(reverse(name, kwargs=kwargs), "", {})


@pytest.mark.parametrize("name", [name for name, _converters in PATTERNS])
def test_odd_query_parameters_never_answer_5xx(name):
    """Every parameter a page reads, alone or all together, with odd values."""
    path = reverse(name, kwargs=valid_kwargs(name, dict(PATTERNS)[name]))
    started = time.perf_counter()
    assert_no_server_error(path, "", {})
    slow = time.perf_counter() - started > SLOW_PAGE
    for value in DANGEROUS:
        for request_headers in HTMX_VARIANTS:
            query_string = urlencode([(key, value) for key in PARAMETERS])
            assert_no_server_error(path, query_string, request_headers)
    if slow:
        # The sitemap, the election and the Sénat pages list hundreds of rows: the
        # dangerous values only keep the suite fast.
        return
    for value in NASTY:
        assert_no_server_error(path, urlencode([(key, value) for key in PARAMETERS]), {})
    # One at a time too, since a page that refuses one parameter never reads the next.
    for key in PARAMETERS:
        for value in DANGEROUS[:2]:
            assert_no_server_error(path, urlencode([(key, value)]), {})


@FUZZ
@given(request=requests())
def test_fuzzed_arguments_queries_and_headers_never_answer_5xx(request):
    assert_no_server_error(*request)


@FUZZ
@given(
    name=st.sampled_from(FAST_PATTERNS),
    raw=st.one_of(
        st.binary(max_size=200),
        st.sampled_from(
            [
                b"page=\xff\xfe",
                b"q=%ff%fe%00",
                b"q=\xc3\x28&page=2",
                b"tour=%C2%B2",
                b"page=%EF%BC%91",
                b"organisation=%00",
                b"lettre=%FF",
                b"circonscription=%00&q=%E9",
                b"&&&==&=",
                b"q=" + b"%" * 3000,
                b"a=" + b"x" * 100_000,
            ]
        ),
    ),
)
def test_non_utf8_query_strings_never_answer_5xx(name, raw):
    converters = dict(PATTERNS)[name]
    path = reverse(name, kwargs=valid_kwargs(name, converters))
    # WSGI carries the raw query bytes as a latin-1 string.
    assert_no_server_error(path, raw.decode("latin-1"), {})


@FUZZ
@given(
    path=st.one_of(
        st.lists(
            st.text(alphabet=string.printable + "éà²\x00", max_size=20), min_size=1, max_size=6
        ).map(lambda parts: "/" + "/".join(quote(part) for part in parts)),
        st.sampled_from(
            [
                "/article/",
                "/article//",
                "/en/en/",
                "/fr/",
                "/elections/x/%00/",
                "/elections/%00/988/resultats.json",
                "/personnes/%E9/",
                "/recherche/?q=%00",
                "/flux/rubrique/%FF/",
                "//example.com/",
                "/" + "a" * 3000,
            ]
        ),
    ),
    request_headers=headers,
)
def test_unknown_paths_never_answer_5xx(path, request_headers):
    path, _sep, query_string = path.partition("?")
    assert_no_server_error(path, query_string, request_headers)
