"""The demo's sections, topics, articles and accounts, loaded by `seed_demo` (idempotent).

Runs after the people and elections demos: it links the persons they created (creating a
minimal one for any that is missing, so it also runs alone) and the New Caledonia contest
of the 2023 senate election (left unlinked when absent). Lead images are illustrations
drawn here with Pillow into MEDIA_ROOT: nothing is downloaded.
"""

import datetime
import io
import os
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from elections.models import Contest
from newsroom.articles.models import (
    Article,
    LiveEntry,
    ReviewNote,
    ReviewStep,
    Section,
    Status,
    Topic,
)
from newsroom.articles.roles import EDITOR, JOURNALIST, apply_roles
from newsroom.articles.services import save_article
from newsroom.demo import content
from newsroom.people.models import Person

SITE_NAME = "Newsroom"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

SECTIONS = [
    # slug, name, description
    ("politique", "Politique", "Gouvernement, Parlement, partis et élections."),
    ("territoires", "Territoires", "Régions, départements, outre-mer et collectivités."),
    ("international", "International", "L'Europe et le monde vus depuis Paris."),
    ("societe", "Société", "Justice, santé, énergie et vie quotidienne."),
]

# slug: English name and description, shown on the English pages.
SECTIONS_EN = {
    "politique": ("Politics", "Government, Parliament, parties and elections."),
    "territoires": ("Regions", "Regions, départements, overseas territories and local government."),
    "international": ("World", "Europe and the world, seen from Paris."),
    "societe": ("Society", "Justice, health, energy and everyday life."),
}

CONTEST_ELECTION = "Élections sénatoriales 2023"

# Illustration colours per first topic: background, then two shape colours.
PALETTES = {
    "senatoriales-2023": ("#14213d", "#fca311", "#e5e5e5"),
    "municipales-2026": ("#3a506b", "#5bc0be", "#f4f3ef"),
    "securite-sociale": ("#2b2d42", "#ef233c", "#edf2f4"),
    "presidentielle-2027": ("#1d3557", "#e63946", "#f1faee"),
    "europe": ("#003399", "#ffcc00", "#ffffff"),
    "energie": ("#264653", "#e9c46a", "#2a9d8f"),
    "senat": ("#5f0f40", "#fb8b24", "#e36414"),
}
IMAGE_SIZE = (1200, 675)
DEMO_DOMAIN = "127.0.0.1:8000"


def load_site() -> str:
    """The demo's domain and name, unless the site already has its own: a domain set
    with `set_site` (anything but migrate's `example.com`) is kept, SITE_DOMAIN aside."""
    site, _ = Site.objects.get_or_create(pk=1, defaults={"domain": "example.com"})
    if site.domain == "example.com" or "SITE_DOMAIN" in os.environ:
        site.domain = os.environ.get("SITE_DOMAIN", DEMO_DOMAIN)
        site.name = SITE_NAME
        site.save()
    return f"{site.name} ({site.domain})"


def load() -> list[str]:
    site = load_site()
    sections_created = 0
    for position, (slug, name, description) in enumerate(SECTIONS):
        _, was_created = Section.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "name_en": SECTIONS_EN[slug][0],
                "description_en": SECTIONS_EN[slug][1],
                "position": position,
            },
        )
        sections_created += was_created
    pages = load_site_pages(Site.objects.get(pk=1))
    topics = load_topics()
    persons, persons_created = load_persons()
    contests = {
        contest.constituency.code: contest
        for contest in Contest.objects.filter(election__name=CONTEST_ELECTION).select_related(
            "constituency"
        )
    }
    created, images = load_articles(topics, persons, contests)
    public = Article.objects.published().count()
    roles = apply_roles()
    return [
        f"site: {site}",
        f"sections: {len(SECTIONS)} ({sections_created} new)",
        f"site pages: {len(content.SITE_PAGES)} ({pages} new)",
        f"topics: {len(topics)}",
        f"persons for articles: {len(persons)} ({persons_created} created here)",
        f"articles: {len(content.ARTICLES)} ({created} new, {public} public, "
        f"{images} illustrations drawn)",
        f"contests linked: {len(contests)} of the election found"
        if contests
        else f"{CONTEST_ELECTION} absent: articles not linked to contests",
        "roles: " + ", ".join(f"{name} ({count} permissions)" for name, count in roles.items()),
    ]


# Local demo only: well-known passwords, created by `seed_demo --with-demo-accounts`
# (what `make run` runs), never by a plain `seed_demo` nor by a migration.
DEMO_ACCOUNTS = [
    # username, password, group, first name, last name
    ("journaliste", "journaliste-demo", JOURNALIST, "Camille", "Journaliste"),
    ("editeur", "editeur-demo", EDITOR, "Dominique", "Éditeur"),
]


def load_accounts() -> int:
    """The demo journalist and editor: staff, in their group, password reset each run."""
    User = get_user_model()
    created = 0
    for username, password, group, first_name, last_name in DEMO_ACCOUNTS:
        user, was_created = User.objects.update_or_create(
            username=username,
            defaults={
                "is_staff": True,
                "first_name": first_name,
                "last_name": last_name,
                # Reserved for examples: the review loop's e-mails show on make run's console.
                "email": f"{username}@example.org",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=group)])
        created += was_created
    load_review(User.objects.get(username=DEMO_ACCOUNTS[0][0]))
    return created


# The demo's draft, the demo journalist's and waiting for review: the editor's desk has a
# piece to act on (send it back, or publish it).
REVIEW_NOTE = (
    "Premier jet. La partie sur le corps électoral reste à sourcer avant toute publication."
)


def load_review(journalist) -> None:
    slug = next(entry["slug"] for entry in content.ARTICLES if entry.get("status") == "draft")
    draft = Article.objects.filter(slug=slug).first()
    if draft is None:
        return
    draft.created_by, draft.status = journalist, Status.REVIEW
    draft.save(update_fields=["created_by", "status"])
    ReviewNote.objects.get_or_create(
        article=draft,
        step=ReviewStep.SUBMITTED,
        defaults={"by": journalist, "text": REVIEW_NOTE},
    )


def load_site_pages(site: Site) -> int:
    """About, legal notice and contact in both languages, as flat pages of this site."""
    created = 0
    for url, title, html in content.SITE_PAGES:
        page, was_created = FlatPage.objects.update_or_create(
            url=url, defaults={"title": title, "content": " ".join(html.split())}
        )
        page.sites.set([site])
        created += was_created
    return created


def load_topics() -> dict[str, Topic]:
    topics = {}
    for slug, name, description, in_focus in content.TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "name_en": content.TOPICS_EN[slug][0],
                "description_en": content.TOPICS_EN[slug][1],
                "in_focus": in_focus,
            },
        )
    return topics


def load_persons() -> tuple[dict[str, Person], int]:
    persons, created = {}, 0
    for slug, name, given, family, gender in content.PERSONS:
        persons[slug], was_created = Person.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "given_name": given,
                "family_name": family,
                "sort_name": f"{family} {given}",
                "gender": gender,
            },
        )
        created += was_created
    return persons, created


def local(value: str | None) -> datetime.datetime | None:
    if value is None:
        return None
    return datetime.datetime.fromisoformat(value).replace(tzinfo=PARIS)


def load_articles(topics: dict, persons: dict, contests: dict[str, Contest]) -> tuple[int, int]:
    sections = {section.slug: section for section in Section.objects.all()}
    saved: dict[str, Article] = {}
    created = drawn = 0
    for entry in content.ARTICLES:
        topic_list = [topics[slug] for slug in entry["topics"]]
        image_name, was_drawn = illustration(entry["slug"], entry["topics"][0])
        drawn += was_drawn
        article, was_created = save_article(
            slug=entry["slug"],
            title=entry["title"],
            kicker=entry.get("kicker", ""),
            standfirst=entry["standfirst"],
            body=" ".join(entry["body"].split()),
            language=entry.get("language", "fr"),
            section=sections[entry.get("section", "politique")],
            status=entry.get("status", Status.PUBLISHED),
            front_position=entry.get("front_position"),
            published_at=local(entry["published_at"]),
            updated_at=local(entry.get("updated_at")),
            previous=saved.get(entry.get("previous")),
            lead_image=image_name,
            **image_texts(entry.get("language", "fr"), topic_list[0].name),
            links={
                "topics": topic_list,
                "persons": [persons[slug] for slug in entry["persons"]],
                "authors": [persons[slug] for slug in entry.get("authors", [])],
                "contests": [
                    contests[code] for code in entry.get("contests", []) if code in contests
                ],
            },
            notes=[(kind, local(at), text) for kind, at, text in entry.get("notes", [])],
            live_blog=entry.get("live_blog", False),
            live_started_at=local(entry.get("live_started_at")),
            live_ended_at=local(entry.get("live_ended_at")),
        )
        saved[article.slug] = article
        load_live_entries(article, persons, contests)
        created += was_created
    # Further reading may point to an article saved after the one that picks it.
    for entry in content.ARTICLES:
        picks = [saved[slug] for slug in entry.get("further_reading", [])]
        saved[entry["slug"]].further_reading.set(picks)
    return created, drawn


def load_live_entries(blog: Article, persons: dict, contests: dict[str, Contest]) -> None:
    """The archived live blog's entries, once (a blog that has entries keeps them)."""
    entries = content.LIVE_ENTRIES.get(blog.slug, [])
    if not entries or blog.entries.exists():
        return
    author = blog.authors.first()
    for at, headline, key_event, pinned, code, person, body in entries:
        LiveEntry.objects.create(
            article=blog,
            posted_at=local(at),
            author=author,
            headline=headline,
            key_event=key_event,
            pinned=pinned,
            contest=contests.get(code) if code else None,
            person=persons.get(person) if person else None,
            body=" ".join(body.split()),
        )


def image_texts(language: str, topic: str) -> dict[str, str]:
    if language == "en":
        return {
            "lead_image_alt": f"Abstract illustration in the colours of the “{topic}” topic.",
            "lead_image_caption": f"An illustration for our “{topic}” coverage.",
            "lead_image_credit": "Illustration Newsroom",
        }
    return {
        "lead_image_alt": f"Illustration abstraite aux couleurs du dossier « {topic} ».",
        "lead_image_caption": f"Illustration du dossier « {topic} ».",
        "lead_image_credit": "Illustration Newsroom",
    }


def illustration(slug: str, topic: str) -> tuple[str, bool]:
    """Draw the article's illustration once into MEDIA_ROOT; return its name and whether
    it was drawn now. Shapes are seeded by the slug so each article gets its own."""
    name = f"articles/demo/{slug}.png"
    if default_storage.exists(name):
        return name, False
    background, first, second = PALETTES.get(topic, PALETTES["senatoriales-2023"])
    shapes = random.Random(slug)  # noqa: S311 - decoration, not security
    image = Image.new("RGB", IMAGE_SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = IMAGE_SIZE
    for _ in range(6):
        x, y = shapes.randrange(width), shapes.randrange(height)
        radius = shapes.randrange(60, 260)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=first, width=10)
    for step in range(0, width, 80):
        top = height - shapes.randrange(80, 320)
        draw.rectangle((step + 10, top, step + 60, height), fill=second)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    default_storage.save(name, ContentFile(buffer.getvalue()))
    return name, True
