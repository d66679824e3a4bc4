from django.urls import path
from django.utils.translation import pgettext_lazy

from newsroom.articles import feeds, follow, listings, live_views, share_views, views
from newsroom.caching.page_cache import cache_public_page

app_name = "articles"
urlpatterns = [
    # Article page and its fragments (views.py)
    path(pgettext_lazy("url", "article/<slug:slug>/"), views.detail, name="detail"),
    path(pgettext_lazy("url", "apercu/<str:token>/"), views.preview_link, name="preview_link"),
    # Its share image (og:image, share_views.py)
    path(
        pgettext_lazy("url", "article/<slug:slug>/partage.png"),
        share_views.article_image,
        name="image",
    ),
    # A live blog's polls and fresh stream (live_views.py)
    path(
        pgettext_lazy("url", "article/<slug:slug>/direct/nouvelles/"),
        live_views.live_poll,
        name="live_poll",
    ),
    path(
        pgettext_lazy("url", "article/<slug:slug>/direct/fil/"),
        live_views.live_stream,
        name="live_stream",
    ),
    # Listings and search (listings.py)
    path(pgettext_lazy("url", "rubrique/<slug:slug>/"), listings.section, name="section"),
    path(pgettext_lazy("url", "dossier/<slug:slug>/"), listings.topic, name="topic"),
    path(pgettext_lazy("url", "auteur/<slug:slug>/"), listings.author, name="author"),
    path(pgettext_lazy("url", "recherche/"), listings.search, name="search"),
    # Feeds (feeds.py)
    path(
        pgettext_lazy("url", "flux/"),
        cache_public_page(feeds.LatestArticlesFeed(), shows=("listing:feed",)),
        name="feed",
    ),
    path(
        pgettext_lazy("url", "flux/rubrique/<slug:slug>/"),
        cache_public_page(feeds.SectionFeed()),
        name="section_feed",
    ),
    path(
        pgettext_lazy("url", "flux/dossier/<slug:slug>/"),
        cache_public_page(feeds.TopicFeed()),
        name="topic_feed",
    ),
    # Atom feeds to follow a person, an organisation, a contest or an author (follow.py),
    # beside their pages; here because they list articles (people ← elections ← articles).
    path(
        pgettext_lazy("url", "personnes/<slug:slug>/flux/"),
        cache_public_page(follow.PersonFeed()),
        name="person_feed",
    ),
    path(
        pgettext_lazy("url", "organisations/<slug:slug>/flux/"),
        cache_public_page(follow.OrganisationFeed()),
        name="organisation_feed",
    ),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/flux/"),
        cache_public_page(follow.ContestFeed()),
        name="contest_feed",
    ),
    path(
        pgettext_lazy("url", "auteur/<slug:slug>/flux/"),
        cache_public_page(follow.AuthorFeed()),
        name="author_feed",
    ),
]
