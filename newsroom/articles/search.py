"""Article search: PostgreSQL full-text search, with a simpler fallback elsewhere (SQLite).

On PostgreSQL, migration 0004 adds a stored generated column `search_vector` (title weighted
A, standfirst B, body C, in the French or English configuration of each article's language,
both accent-insensitive through `unaccent`) and a GIN index on it. The column is not a model
field because SQLite has no equivalent; only this module reads it.
"""

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from elections.models import Contest
from newsroom.articles.models import Article, Language
from newsroom.caching.dependencies import record
from newsroom.people.models import Person
from newsroom.text import accent_pattern, terms

# The excerpt is cut from the standfirst and the opening of the body: `ts_headline` parses
# every character it is given (~1 ms per result for a 4,600-character body on the bench
# machine), so a bounded source keeps a results page's cost flat whatever the articles'
# length. The ranking still reads the whole article through the stored vector.
EXCERPT_BODY_CHARS = 1000
# Relevance ranks the most recent matching articles, at most this many (17 pages of 12):
# `ts_rank` reads each candidate's whole stored vector, so ranking every match of a word
# found in nearly every article ("Sénat") cost ~200 ms at 20,000 articles. The newest
# matches are found through the date index (or the GIN index for rarer words, as the
# planner sees fit) and only they are ranked: the cost stays flat as the archive grows.
SEARCH_WINDOW = 200
# Text search configurations created by migration 0004, per article language.
CONFIGS = {Language.FRENCH: "newsroom_fr", Language.ENGLISH: "newsroom_en"}
# Control characters no article contains: the database marks matches with them, and only
# they become <mark> once everything else has been escaped.
START, STOP = "\x02", "\x03"


def marked(text: str) -> SafeString:
    """Escape everything, then turn the match markers into <mark>."""
    return mark_safe(  # noqa: S308 - escaped just above; only our own <mark> is added
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def highlight(text: str, words: list[str]) -> SafeString:
    if not words:
        return marked(text)
    pattern = re.compile("|".join(accent_pattern(word) for word in words), re.IGNORECASE)
    return marked(pattern.sub(lambda match: f"{START}{match.group()}{STOP}", text))


# How results may be ordered (`?tri=`): relevance first, or newest first.
BY_DATE = "date"
# Persons and contests listed above the articles, at most.
OTHERS_SHOWN = 6


def search(query: str, *, by_date: bool = False) -> QuerySet:
    """Published articles matching the query, most relevant first (a title match above a
    standfirst match above a body match), or newest first `by_date`."""
    # A result shows no byline: the listing's authors are not fetched.
    articles = Article.objects.published().for_listing().prefetch_related(None)
    if connection.vendor == "postgresql":
        found = full_text_search(articles, query)
    else:
        found = fallback_search(articles, query)
    return found.order_by("-published_at", "-pk") if by_date else found


def counted(found: QuerySet) -> dict:
    """How many articles `search` found: on PostgreSQL only the newest SEARCH_WINDOW
    matches are ranked, so a larger number reads "at least"."""
    count = found.count()
    capped = connection.vendor == "postgresql" and count >= SEARCH_WINDOW
    return {"count": count, "at_least": capped}


def persons_and_contests(query: str) -> dict:
    """The persons and contests matching `query`, listed above the articles: at most
    OTHERS_SHOWN of each, and whether there are more."""
    record("listing:people", "listing:results")  # a person or a contest added
    persons = list(Person.objects.matching(query).order_by("sort_key", "name")[: OTHERS_SHOWN + 1])
    contests = list(
        Contest.objects.matching(query)
        .select_related("election", "constituency")
        .order_by("-election__date", "constituency__code")[: OTHERS_SHOWN + 1]
    )
    return {
        "persons": persons[:OTHERS_SHOWN],
        "more_persons": len(persons) > OTHERS_SHOWN,
        "contests": contests[:OTHERS_SHOWN],
        "more_contests": len(contests) > OTHERS_SHOWN,
    }


def by_language(expressions: dict[str, object], output_field=None) -> Case:
    """Pick, per row, the expression written for the article's language."""
    return Case(
        When(language=Language.ENGLISH, then=expressions[Language.ENGLISH]),
        default=expressions[Language.FRENCH],
        output_field=output_field,
    )


class StoredVector(Expression):
    """The `search_vector` column of the articles table of the query being compiled (its
    own alias inside a subquery). The column exists only on PostgreSQL."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def matching(articles: QuerySet, query: str) -> QuerySet:
    """The articles of `articles` the query finds in their title, standfirst or body, in
    no order: what readers' search finds, for the admin's search too."""
    if connection.vendor == "postgresql":
        return full_text_matches(articles, web_queries(query))
    return articles.filter(every_word(query)) if terms(query) else articles.none()


def web_queries(query: str) -> dict:
    return {
        language: SearchQuery(query, config=config, search_type="websearch")
        for language, config in CONFIGS.items()
    }


def full_text_matches(articles: QuerySet, queries: dict) -> QuerySet:
    """Each article matched in its own language. The first condition, one `search_vector @@
    constant` for either language, is what the GIN index answers; with only the two
    per-language ones, PostgreSQL priced two index scans above reading the whole table
    (a rare name: 116 ms instead of 4 at 20,000 articles)."""
    either = queries[Language.ENGLISH] | queries[Language.FRENCH]
    matches = Q(search_vector=either) & (
        Q(language=Language.ENGLISH, search_vector=queries[Language.ENGLISH])
        | Q(language=Language.FRENCH, search_vector=queries[Language.FRENCH])
    )
    return articles.alias(search_vector=StoredVector()).filter(matches)  # filtered, not fetched


def every_word(query: str) -> Q:
    """Every word of the query in the title, standfirst or body, with or without accents."""
    condition = Q()
    for word in terms(query):
        pattern = accent_pattern(word)
        condition &= (
            Q(title__iregex=pattern) | Q(standfirst__iregex=pattern) | Q(body__iregex=pattern)
        )
    return condition


def full_text_search(articles: QuerySet, query: str) -> QuerySet:
    vector = StoredVector()
    queries = web_queries(query)
    # The opening of the body without its tags, after the standfirst, for the excerpt; a
    # tag cut by the bound is dropped too.
    opening = Func(F("body"), Value(EXCERPT_BODY_CHARS), function="left", output_field=TextField())
    text = Func(
        F("standfirst"),
        Value(" — "),
        Func(
            opening,
            Value("<[^>]*(>|$)"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        ),
        function="concat",
        output_field=TextField(),
    )
    headlines = {
        language: SearchHeadline(
            text,
            queries[language],
            config=config,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        for language, config in CONFIGS.items()
    }
    ranks = {language: SearchRank(vector, queries[language]) for language in CONFIGS}
    newest_matches = (
        full_text_matches(articles, queries).order_by("-published_at", "-pk").values("pk")
    )[:SEARCH_WINDOW]
    return (
        articles.filter(pk__in=newest_matches)
        .annotate(rank=by_language(ranks), headline=by_language(headlines, TextField()))
        .order_by("-rank", "-published_at", "-pk")
    )


def fallback_search(articles: QuerySet, query: str) -> QuerySet:
    """Every word in the title, standfirst or body, with or without accents; ranked by
    where each word is found (title 3, standfirst 2, body 1), then newest first."""
    words = terms(query)
    if not words:
        return articles.none()
    score = Value(0)
    for word in words:
        pattern = accent_pattern(word)
        score += Case(
            When(title__iregex=pattern, then=Value(3)),
            When(standfirst__iregex=pattern, then=Value(2)),
            default=Value(1),
        )
    found = articles.filter(every_word(query)).annotate(rank=score)
    return found.order_by("-rank", "-published_at", "-pk")


def add_excerpts(articles: list[Article], query: str) -> None:
    """Give each result a `marked_title` and an `excerpt`: safe HTML whose only markup is
    <mark> on the matches."""
    words = terms(query)
    for article in articles:
        article.marked_title = highlight(article.title, words)
        headline = getattr(article, "headline", None)
        if headline is not None:
            article.excerpt = marked(html.unescape(headline))
        else:
            article.excerpt = highlight(article.standfirst, words)
