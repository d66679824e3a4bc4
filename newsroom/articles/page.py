"""What the article page computes besides its queries: share links and JSON-LD."""

from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.articles import share
from newsroom.articles.models import Article, NoteKind
from newsroom.articles.rules import plain_text
from newsroom.share_card.layout import HEIGHT, WIDTH


def labels_language(article_language: str, interface_language: str) -> str:
    """The language of the page's labels ("Publié le", "Partager cet article"...).

    An English article reads "Published" even on the French interface, and the English
    interface reads English labels whatever the article's language.
    """
    return article_language if article_language == interface_language else "en"


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(network name, href) pairs: plain links, so sharing works with no script loaded."""
    text = f"{title} {url}"
    return [
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        (_("E-mail"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]


def news_article(article: Article, *, absolute, site_name: str) -> dict:
    """schema.org NewsArticle for an article whose links were read by `Article.objects.for_page()`.

    `absolute` turns a path into an absolute URL. dateModified is the editor-set update
    time, not the last save: fixing a typo does not make old news look fresh.
    """

    def person(p) -> dict:
        return {"@type": "Person", "name": p.name, "url": absolute(p.get_absolute_url())}

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "headline": article.title,
        "description": article.share_description,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.updated_at or article.published_at).isoformat()
        if article.published_at
        else None,
        # Never empty: an article no journalist signs is the newsroom's.
        "author": [person(p) for p in article.authors.all()]
        or [{"@type": "Organization", "name": site_name, "url": absolute(reverse("home"))}],
        "publisher": {"@type": "Organization", "name": site_name},
        "inLanguage": article.language,
        "articleSection": article.section.label,
        "keywords": [topic.label for topic in article.topics.all()],
        "about": [person(p) for p in article.persons.all()],
    }
    images = []
    # The photo first (what search engines prefer to show), then the share card drawn by
    # the server, as og:image; an unpublished article has none (it is a 404).
    if article.social_image:
        images.append({"@type": "ImageObject", "url": absolute(article.social_image.url)})
    elif article.lead_image:
        image = {"@type": "ImageObject", "url": absolute(article.lead_image.url)}
        if article.lead_image_width and article.lead_image_height:
            image |= {"width": article.lead_image_width, "height": article.lead_image_height}
        images.append(image)
    if article.is_public:
        card = absolute(share.image_path(article, site=site_name))
        images.append({"@type": "ImageObject", "url": card, "width": WIDTH, "height": HEIGHT})
    if images:
        data["image"] = images
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": note.noted_at.isoformat(),
        }
        for note in article.notes.all()
        if note.kind == NoteKind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    return data


def live_blog_posting(news: dict, blog: Article, entries: list, *, absolute) -> dict:
    """schema.org LiveBlogPosting from the article's NewsArticle data (`news_article`):
    the coverage times and the entries shown, newest first, as `liveBlogUpdate`. An open
    blog has no `coverageEndTime` yet."""
    data = {**news, "@type": "LiveBlogPosting"}
    start = blog.coverage_start
    if start:
        data["coverageStartTime"] = start.isoformat()
    if blog.live_ended_at:
        data["coverageEndTime"] = blog.live_ended_at.isoformat()
    page_url = absolute(blog.get_absolute_url())
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": entry.headline or plain_text(entry.body)[:110],
            "datePublished": entry.posted_at.isoformat(),
            **({"dateModified": entry.edited_at.isoformat()} if entry.edited_at else {}),
            "url": f"{page_url}#entree-{entry.pk}",
            "articleBody": plain_text(entry.body),
            "author": {
                "@type": "Person",
                "name": entry.author.name,
                "url": absolute(entry.author.get_absolute_url()),
            }
            if entry.author
            else {"@type": "Organization", "name": news["publisher"]["name"]},
        }
        for entry in entries
    ]
    if entries:
        latest = max(entry.edited_at or entry.posted_at for entry in entries)
        stated = blog.updated_at or blog.published_at
        if stated is None or latest > stated:
            data["dateModified"] = latest.isoformat()
    return data
