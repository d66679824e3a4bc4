"""What the articles app's rows show on reader pages, and what a change to them touches
(see `newsroom.caching.dependencies`). Any change to an article is never served stale:
an unpublished, corrected or retracted article must disappear or change at once."""

from newsroom.articles.models import (
    Article,
    ArticleNote,
    ArticleRedirect,
    LiveEntry,
    Section,
    Topic,
)
from newsroom.caching.dependencies import key, listing, own, register

# The listings every published article may appear in, whatever its links.
ARTICLE_LISTINGS = (
    "listing:articles",
    "listing:home",
    "listing:feed",
    "listing:sitemap",
    "listing:search",
)


def article_touches(article: Article) -> list[str]:
    """Its listings (section, topics, persons cited and authors, contests), the story's
    neighbours and the articles that send readers to it: a page that did not show it yet
    must when it is published, and one that showed it recorded its key."""
    keys = [*ARTICLE_LISTINGS, listing(Section, article.section_id)]
    if article.pk is None or not Article.objects.filter(pk=article.pk).exists():
        return keys  # deleted: every page showing it recorded its key
    keys += [listing(Topic, pk) for pk in article.topics.values_list("pk", flat=True)]
    persons = {*article.persons.values_list("pk", flat=True)}
    persons |= {*article.authors.values_list("pk", flat=True)}
    keys += [f"listing:person:{pk}" for pk in persons]
    keys += [f"listing:contest:{pk}" for pk in article.contests.values_list("pk", flat=True)]
    from newsroom.articles.related import story_reach  # related imports this module

    neighbours = story_reach(article)
    neighbours |= {*Article.objects.filter(further_reading=article).values_list("pk", flat=True)}
    keys += [listing(Article, pk) for pk in neighbours if pk]
    return keys


def live_key(article_id) -> str:
    """A live blog's entries: its page and its polls show them (recorded by the views,
    so that a page that showed none yet still hears of the first)."""
    return f"live:{article_id}"


def link_listings(article: Article) -> list[str]:
    """The listings of an article's section and links: what its related block is drawn
    from (an article scores by sharing them)."""
    keys = [listing(Section, article.section_id)]
    keys += [listing(Topic, topic.pk) for topic in article.topics.all()]
    keys += [f"listing:person:{person.pk}" for person in article.persons.all()]
    keys += [f"listing:contest:{contest.pk}" for contest in article.contests.all()]
    return keys


def connect() -> None:
    register(Article, touches=article_touches, hard=True)
    register(ArticleNote, shows=lambda note: [key(Article, own(note, "article_id"))], hard=True)
    # An entry changes its blog's stream, not the blog's card in listings (the card shows
    # "En direct" from the article's own fields).
    register(LiveEntry, shows=lambda entry: [live_key(own(entry, "article_id"))])
    register(ArticleRedirect, shows=lambda redirect: [key(Article, own(redirect, "article_id"))])
    # The menu lists sections; the sitemap every section and topic.
    register(Section, touches=lambda section: ["listing:home", "listing:menu", "listing:sitemap"])
    register(Topic, touches=lambda topic: ["listing:home", "listing:sitemap"])
