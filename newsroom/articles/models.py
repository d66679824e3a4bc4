import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from elections.models import Contest, Election
from newsroom.articles import body_links
from newsroom.articles.live_rules import (
    DEFAULT_POLL_SECONDS,
    MAX_POLL_SECONDS,
    MIN_POLL_SECONDS,
    coverage_problems,
    is_open,
)
from newsroom.articles.rules import reading_time, story_would_loop
from newsroom.articles.sanitise import clean_html
from newsroom.people.models import Person, colour_validator
from newsroom.translated import ENGLISH_HELP, DescribedInTwoLanguages, NamedInTwoLanguages
from newsroom.uploads import GeneratedName, measured, validate_image
from newsroom.validation import CheckedTextModel


class SectionQuerySet(models.QuerySet):
    def for_navigation(self) -> "SectionQuerySet":
        return self.filter(in_navigation=True).order_by("position", "name", "pk")

    def navigation_list(self) -> list["Section"]:
        return self.navigation_and_next_publication(timezone.now())[0]

    def navigation_and_next_publication(
        self, now: datetime.datetime
    ) -> tuple[list["Section"], datetime.datetime | None]:
        """`for_navigation()` and `Article.objects.next_publication_at(now)` in one query:
        every page rendered for the cache shows the menu and may be kept only until the
        next scheduled publication, so each row carries that time. Every article has a
        section: with no section there is nothing scheduled, and with none in the menu one
        other section's row is read for the time alone."""
        any_section = Section.objects.order_by("pk").values("pk")[:1]
        rows = list(
            self.filter(Q(in_navigation=True) | Q(pk=Subquery(any_section)))
            .order_by("position", "name", "pk")
            .annotate(**first_upcoming(Article.objects.all(), now))
        )
        menu = [section for section in rows if section.in_navigation]
        if not rows:
            return menu, None
        return menu, next_change(rows[0].next_publication, rows[0].next_withdrawal)


def upcoming_changes(now: datetime.datetime) -> dict[str, tuple[str, Q]]:
    """The times after `now` when an article appears or leaves, as (field, condition):
    the first of each bounds how long any page may be kept."""
    return {
        "next_publication": ("published_at", Q(status=Status.PUBLISHED, published_at__gt=now)),
        "next_withdrawal": ("unpublish_at", Q(status=Status.PUBLISHED, unpublish_at__gt=now)),
    }


def first_upcoming(articles: models.QuerySet, now: datetime.datetime) -> dict[str, Subquery]:
    """Each of `upcoming_changes` as a subquery: the first time to come among `articles`,
    read from the start of an index rather than by looking at every article."""
    return {
        name: Subquery(articles.filter(after).order_by(field).values(field)[:1])
        for name, (field, after) in upcoming_changes(now).items()
    }


def next_change(*times: datetime.datetime | None) -> datetime.datetime | None:
    return min((time for time in times if time is not None), default=None)


class Section(NamedInTwoLanguages, DescribedInTwoLanguages, CheckedTextModel):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    name_en = models.CharField(
        _("nom en anglais"), max_length=80, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(
        _("description en anglais"), blank=True, help_text=ENGLISH_HELP
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Ordre dans la navigation (croissant).")
    )
    in_navigation = models.BooleanField(_("dans la navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})


class Topic(NamedInTwoLanguages, DescribedInTwoLanguages, CheckedTextModel):
    """A dossier gathering a story over time, e.g. "Sénatoriales 2023"."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    name_en = models.CharField(
        _("nom en anglais"), max_length=120, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(
        _("description en anglais"), blank=True, help_text=ENGLISH_HELP
    )
    in_focus = models.BooleanField(
        _("à la une"), default=False, help_text=_("Mis en avant sur la page d'accueil.")
    )
    colour = models.CharField(
        _("couleur"),
        max_length=7,
        blank=True,
        validators=[colour_validator],
        help_text=_(
            "#rrggbb, par exemple #1d4e89 : le fond de l'image de partage des articles du "
            "dossier qui n'ont pas d'image. Vide : la couleur du site."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Status(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    REVIEW = "review", _("en relecture")
    PUBLISHED = "published", _("publié")


class Language(models.TextChoices):
    FRENCH = "fr", _("français")
    ENGLISH = "en", _("anglais")


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None) -> "ArticleQuerySet":
        """The one visibility rule: published status, a publication time already past and
        no withdrawal time past.

        A future publication time means scheduled, a future withdrawal time a scheduled
        withdrawal: the article appears, or leaves every page, by itself when the time
        comes, with no job to run.
        """
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now).exclude(
            unpublish_at__lte=now
        )

    def withdrawn(self, now: datetime.datetime | None = None) -> "ArticleQuerySet":
        """Articles readers could see and that were withdrawn since: their address answers
        410 with the editors' notice. One withdrawn before it ever appeared is simply
        not there (404)."""
        return self.filter(
            status=Status.PUBLISHED,
            unpublish_at__lte=now or timezone.now(),
            published_at__lt=F("unpublish_at"),
        )

    def scheduled(self, now: datetime.datetime | None = None) -> "ArticleQuerySet":
        """Published articles whose publication time is still to come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or timezone.now())

    def next_publication_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The earliest scheduled publication or withdrawal still to come: until then, the
        set of public articles stays the same, and so does a page. One query reading the
        first of each from an index (an aggregate over every article took 10-15 ms at
        20,000 articles, on each rendering of a block without the menu)."""
        subqueries = first_upcoming(self, now)
        rows = list(self.order_by().annotate(**subqueries).values(*subqueries)[:1])
        return next_change(*rows[0].values()) if rows else None

    def for_listing(self) -> "ArticleQuerySet":
        # Lists never show the body, the largest column by far.
        return (
            self.defer("body")
            .select_related("section")
            .prefetch_related("authors")
            .order_by("-published_at", "-pk")
        )

    def front_page(self) -> "ArticleQuerySet":
        """The stories editors put "à la une", in their order (chained after
        `published()`: an unpublished one never shows)."""
        return self.filter(front_position__isnull=False).order_by(
            "front_position", "-published_at", "-pk"
        )

    def for_share_image(self) -> "ArticleQuerySet":
        """An article's share image: its section and dossiers (two queries), not the body."""
        return self.defer("body").select_related("section").prefetch_related("topics")

    def for_cards(self) -> "ArticleQuerySet":
        """Article cards (story, further reading, related): section, never the body."""
        return self.defer("body").select_related("section")

    def for_page(self) -> "ArticleQuerySet":
        """The article page's reads, one query each: 1. the article and its section,
        2. topics, 3. authors, 4. notes, 5. linked persons, 6. linked contests with election
        and constituency. What only its shared blocks show is read when a block is drawn
        (`views.article_context`): the persons' current offices, the contests' winners, the
        story, further reading and related articles."""
        return self.select_related("section").prefetch_related(
            "topics",
            "authors",
            "notes",
            "persons",
            Prefetch(
                "contests", queryset=Contest.objects.select_related("election", "constituency")
            ),
        )


# Kept by name: an admin save writes its one version by hand once its links are saved
# (`record_version`).
ARTICLE_HISTORY = HistoricalRecords(
    m2m_fields=["topics", "authors", "persons", "contests", "further_reading"],
    excluded_fields=["reading_time", "preview_secret", "lead_image_width", "lead_image_height"],
)


def record_version(article: "Article", *, created: bool) -> None:
    """One history version of the article as it now is, links included (the admin
    pauses the automatic versions while it saves the article, then its links)."""
    ARTICLE_HISTORY.create_historical_record(article, "+" if created else "~")


def new_preview_secret() -> str:
    return secrets.token_hex(16)  # 32 characters


class Article(CheckedTextModel):
    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    kicker = models.CharField(
        _("surtitre"), max_length=120, blank=True, help_text=_("Facultatif, au-dessus du titre.")
    )
    standfirst = models.TextField(
        _("chapô"), help_text=_("Une ou deux phrases qui résument l'article.")
    )
    body = models.TextField(
        _("corps"), help_text=_("Le HTML est nettoyé à l'enregistrement (liste blanche).")
    )
    language = models.CharField(
        _("langue"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    section = models.ForeignKey(
        Section, verbose_name=_("rubrique"), on_delete=models.PROTECT, related_name="articles"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("dossiers"), blank=True, related_name="articles"
    )
    authors = models.ManyToManyField(
        "people.Person", verbose_name=_("auteurs"), blank=True, related_name="signed_articles"
    )
    lead_image = models.ImageField(
        _("image principale"),
        upload_to=GeneratedName("articles"),
        validators=[validate_image],
        blank=True,
    )
    # Measured once from the file (`uploads.measured`); empty when it could not be read.
    lead_image_width = models.PositiveIntegerField(
        _("largeur de l'image"), null=True, blank=True, editable=False
    )
    lead_image_height = models.PositiveIntegerField(
        _("hauteur de l'image"), null=True, blank=True, editable=False
    )
    lead_image_alt = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_("Décrit l'image pour qui ne la voit pas."),
    )
    lead_image_caption = models.CharField(_("légende"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("crédit"), max_length=150, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication"),
        null=True,
        blank=True,
        help_text=_("Une date future programme la publication."),
    )
    updated_at = models.DateTimeField(
        _("mis à jour le"),
        null=True,
        blank=True,
        help_text=_("À renseigner pour une mise à jour substantielle, affichée aux lecteurs."),
    )
    unpublish_at = models.DateTimeField(
        _("retrait"),
        null=True,
        blank=True,
        help_text=_(
            "L'heure à laquelle l'article sera retiré : il quitte alors toutes les listes et "
            "son adresse répond « article retiré » avec le motif ci-dessous. Vide : "
            "il reste en ligne."
        ),
    )
    retraction_reason = models.TextField(
        _("motif du retrait"),
        blank=True,
        help_text=_("Montré aux lecteurs à l'adresse de l'article une fois retiré."),
    )
    embargo = models.CharField(
        _("embargo"),
        max_length=250,
        blank=True,
        help_text=_(
            "Pour la rédaction seulement, jamais publié : avant quand l'article ne doit "
            "pas sortir, et pourquoi (« sous embargo jusqu'au 24 septembre 20 h, "
            "résultats de la préfecture »)."
        ),
    )
    seo_title = models.CharField(
        _("titre pour les moteurs et les réseaux"),
        max_length=110,
        blank=True,
        help_text=_("Vide : le titre. Environ 60 caractères s'affichent dans un moteur."),
    )
    seo_description = models.CharField(
        _("description pour les moteurs et les réseaux"),
        max_length=300,
        blank=True,
        help_text=_("Vide : le chapô. Environ 155 caractères s'affichent dans un moteur."),
    )
    social_image = models.ImageField(
        _("image de partage"),
        upload_to=GeneratedName("articles"),
        validators=[validate_image],
        blank=True,
        help_text=_("Montrée quand l'article est partagé. Vide : l'image principale."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suivi par"),
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True, "is_active": True},
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Qui s'occupe de l'article à la rédaction (filtre « qui me sont confiés »)."),
    )
    reading_time = models.PositiveSmallIntegerField(
        _("temps de lecture (min)"), default=0, editable=False
    )
    front_position = models.PositiveSmallIntegerField(
        _("position à la une"),
        null=True,
        blank=True,
        help_text=_(
            "1 : l'ouverture de la page d'accueil ; 2, 3… : les autres titres à la une, dans "
            "cet ordre. Vide : pas à la une. Seul un article visible des lecteurs y paraît ; "
            "sans aucun article à la une, le dernier publié ouvre la page."
        ),
    )
    # A live blog: dated entries, newest first, that readers see arrive (`LiveEntry`).
    live_blog = models.BooleanField(
        _("direct"),
        default=False,
        help_text=_(
            "Un direct : des entrées datées, les plus récentes en haut, que les lecteurs "
            "voient arriver sans recharger la page. Le corps ouvre le direct."
        ),
    )
    live_started_at = models.DateTimeField(
        _("début du direct"),
        null=True,
        blank=True,
        help_text=_("Vide : l'heure de publication."),
    )
    live_ended_at = models.DateTimeField(
        _("fin du direct"),
        null=True,
        blank=True,
        help_text=_(
            "Renseignée : le direct est clos, les lecteurs n'attendent plus de nouvelles "
            "entrées. Vide : le direct est ouvert."
        ),
    )
    live_poll_seconds = models.PositiveSmallIntegerField(
        _("rafraîchissement (secondes)"),
        default=DEFAULT_POLL_SECONDS,
        validators=[MinValueValidator(MIN_POLL_SECONDS), MaxValueValidator(MAX_POLL_SECONDS)],
        help_text=_(
            "Toutes les combien de secondes les pages ouvertes demandent s'il y a de "
            "nouvelles entrées. À allonger si le site est très chargé."
        ),
    )
    persons = models.ManyToManyField(
        "people.Person", verbose_name=_("personnes liées"), blank=True, related_name="articles"
    )
    contests = models.ManyToManyField(
        "elections.Contest",
        verbose_name=_("scrutins liés"),
        blank=True,
        related_name="articles",
        help_text=_("Leurs résultats s'affichent dans l'article."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("article précédent de l'histoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    further_reading = models.ManyToManyField(
        "self",
        verbose_name=_("pour aller plus loin"),
        blank=True,
        symmetrical=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modifié le"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dernière modification par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bumped by every save through the admin or the services, compared-and-set so that
    # of two people editing the same version only the first save wins.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Part of every signed preview link: drawing a new one revokes the links sent so far.
    preview_secret = models.CharField(max_length=32, default=new_preview_secret, editable=False)

    # Rich text is cleaned on save (control characters included), not refused.
    sanitised_fields = ("body",)

    objects = ArticleQuerySet.as_manager()
    history = ARTICLE_HISTORY

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Publier, programmer ou dépublier un article"))]
        indexes = [
            # published() + newest first: home, feeds, sitemaps, related candidates.
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            # Section pages: published articles of one section, newest first.
            models.Index(fields=["section", "status", "-published_at"], name="article_section_pub"),
            # Related scoring looks each sharing article up by key for the visibility rule
            # and the section bonus: answered from the index alone.
            models.Index(
                fields=["id", "status", "published_at", "section"], name="article_related_lookup"
            ),
            # The front page's stories "à la une": a handful of rows among all the articles.
            models.Index(
                fields=["front_position", "-published_at"],
                name="article_front_page",
                condition=Q(front_position__isnull=False),
            ),
            # The next scheduled withdrawal bounds every page's lifetime (`upcoming_changes`).
            models.Index(
                fields=["unpublish_at"],
                name="article_withdrawal",
                condition=Q(unpublish_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Sanitise on every save so nothing unsafe is ever stored, whatever the entry point.
        self.body = clean_html(self.body)
        self.reading_time = reading_time(self.body)
        self.lead_image_width, self.lead_image_height = measured(
            self.lead_image, self.lead_image_width, self.lead_image_height
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = update_fields = {*update_fields, "reading_time"}
        if update_fields is not None and "lead_image" in update_fields:
            kwargs["update_fields"] = {*update_fields, "lead_image_width", "lead_image_height"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """Its page in its own language (a French article at the root, an English one
        under /en/), whichever interface links it."""
        with translation.override(self.language):
            return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.previous_id and self.previous_id == self.pk:
            raise ValidationError(
                {"previous": _("Un article ne peut pas être son propre article précédent.")}
            )
        if self.previous_id and story_would_loop(self.pk, self.previous_id, self._previous_of):
            raise ValidationError(
                {
                    "previous": _(
                        "Cet article vient déjà avant « %(title)s » dans l'histoire : "
                        "le choisir comme article précédent ferait tourner l'histoire en rond."
                    )
                    % {"title": self.previous.title}
                }
            )

        problems = coverage_problems(
            live_blog=self.live_blog,
            started_at=self.live_started_at,
            ended_at=self.live_ended_at,
            now=timezone.now(),
        )
        if problems:
            raise ValidationError(problems)

        dead = body_links.dead_addresses(clean_html(self.body), linked_page_exists)
        if dead:
            raise ValidationError({"body": body_links.dead_links_message(dead)})

    @staticmethod
    def _previous_of(article_id: int) -> int | None:
        return Article.objects.filter(pk=article_id).values_list("previous_id", flat=True).first()

    # `published()`, `withdrawn()` and `scheduled()` for a row already loaded (tests check
    # they agree).
    @property
    def is_public(self) -> bool:
        dated = self.status == Status.PUBLISHED and self.published_at is not None
        now = timezone.now()
        gone = self.unpublish_at is not None and self.unpublish_at <= now
        return dated and self.published_at <= now and not gone

    @property
    def is_withdrawn(self) -> bool:
        dated = self.status == Status.PUBLISHED and self.published_at is not None
        gone = self.unpublish_at is not None and self.unpublish_at <= timezone.now()
        return dated and gone and self.published_at < self.unpublish_at

    # What search engines and social networks show, falling back to the article's own.
    @property
    def share_title(self) -> str:
        return self.seo_title or self.title

    @property
    def share_description(self) -> str:
        return self.seo_description or self.standfirst

    @property
    def share_image(self):
        return self.social_image or self.lead_image

    @property
    def share_image_alt(self) -> str:
        return self.share_title if self.social_image else self.lead_image_alt

    @property
    def is_live_open(self) -> bool:
        """A live blog still awaiting entries: readers' pages poll it."""
        return is_open(live_blog=self.live_blog, ended_at=self.live_ended_at)

    @property
    def coverage_start(self) -> datetime.datetime | None:
        return self.live_started_at or self.published_at

    @property
    def is_scheduled(self) -> bool:
        dated = self.status == Status.PUBLISHED and self.published_at is not None
        return dated and self.published_at > timezone.now()


class NoteKind(models.TextChoices):
    UPDATE = "update", _("mise à jour")
    CORRECTION = "correction", _("correction")


class ArticleNote(CheckedTextModel):
    """A dated update or correction shown to readers under the body."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("type"), max_length=12, choices=NoteKind.choices)
    noted_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("texte"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = _("note de mise à jour ou de correction")
        verbose_name_plural = _("notes de mise à jour ou de correction")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.noted_at:%Y-%m-%d}"


class ReviewStep(models.TextChoices):
    SUBMITTED = "submitted", _("soumis pour relecture")
    SENT_BACK = "sent_back", _("renvoyé à l'auteur")
    APPROVED = "approved", _("validé")


class ReviewNote(CheckedTextModel):
    """One dated step of the review loop and what was said with it: for the newsroom
    only, never shown to readers."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="review_notes"
    )
    step = models.CharField(_("étape"), max_length=12, choices=ReviewStep.choices)
    text = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        # The thread of one article, oldest first.
        ordering = ["created_at", "pk"]
        verbose_name = _("note de relecture")
        verbose_name_plural = _("notes de relecture")

    def __str__(self) -> str:
        return f"{self.get_step_display()} — {self.created_at:%Y-%m-%d %H:%M}"


class AutosavedCopy(CheckedTextModel):
    """What one member of staff last typed in an article's form (or a new article's),
    saved every 30 s without making a version, and offered back when the form is opened
    again. Deleted once the article is saved."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, on_delete=models.CASCADE, related_name="autosaved_copies"
    )
    title = models.CharField(_("titre"), max_length=250, blank=True)
    body = models.TextField(_("corps"), blank=True)
    saved_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    # Rich text is cleaned on save, as the article's own body is.
    sanitised_fields = ("body",)

    class Meta:
        verbose_name = _("copie automatique")
        verbose_name_plural = _("copies automatiques")
        constraints = [
            # One copy per person and article, and one for a new article not yet saved.
            models.UniqueConstraint(
                fields=["user", "article"],
                name="one_autosave_per_article",
                condition=Q(article__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user"], name="one_autosave_per_new_article", condition=Q(article=None)
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)


# An entry's time may be a little ahead of the server's clock (a desk's own clock), never
# more: an entry in the future would sit above every newer one.
ENTRY_CLOCK_MARGIN = datetime.timedelta(minutes=2)


class LiveEntryQuerySet(models.QuerySet):
    def for_stream(self) -> "LiveEntryQuerySet":
        """Newest first, with what each entry shows: its author, the person it cites and
        the contest whose results box it carries (with its election and constituency)."""
        return self.select_related(
            "author", "person", "contest__election", "contest__constituency"
        ).order_by("-posted_at", "-pk")

    def key_events(self) -> "LiveEntryQuerySet":
        return self.filter(key_event=True).order_by("-posted_at", "-pk")


class LiveEntry(CheckedTextModel):
    """One dated entry of a live blog: who wrote it, the text, and the contest or person
    it is about (their current result box or card is shown inside it)."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("direct"),
        on_delete=models.CASCADE,
        related_name="entries",
        limit_choices_to={"live_blog": True},
    )
    posted_at = models.DateTimeField(_("heure"), default=timezone.now)
    author = models.ForeignKey(
        "people.Person",
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
        help_text=_("Vide : la rédaction."),
    )
    headline = models.CharField(
        _("titre"),
        max_length=200,
        blank=True,
        help_text=_("Obligatoire pour un temps fort : il figure dans la liste en haut du direct."),
    )
    body = models.TextField(
        _("texte"), help_text=_("Le HTML est nettoyé à l'enregistrement (liste blanche).")
    )
    contest = models.ForeignKey(
        "elections.Contest",
        verbose_name=_("scrutin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
        help_text=_("Ses résultats, tels qu'ils sont à chaque instant, s'affichent dans l'entrée."),
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_mentions",
        help_text=_("Sa fiche (mandats en cours) s'affiche dans l'entrée."),
    )
    key_event = models.BooleanField(_("temps fort"), default=False)
    pinned = models.BooleanField(
        _("épinglée"),
        default=False,
        help_text=_("Reste en haut du direct ; épingler une entrée désépingle la précédente."),
    )
    edited_at = models.DateTimeField(_("modifiée le"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("écrite par"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    sanitised_fields = ("body",)

    objects = LiveEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("entrée de direct")
        verbose_name_plural = _("entrées de direct")
        indexes = [models.Index(fields=["article", "-posted_at"], name="live_entry_stream")]
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(pinned=True), name="one_pinned_entry_per_blog"
            )
        ]

    def __str__(self) -> str:
        return self.headline or f"{self.article} — {self.posted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.key_event and not self.headline.strip():
            raise ValidationError(
                {"headline": _("Un temps fort a besoin d'un titre : il est listé en haut.")}
            )
        if self.posted_at and self.posted_at > timezone.now() + ENTRY_CLOCK_MARGIN:
            raise ValidationError(
                {
                    "posted_at": _(
                        "Une entrée ne se programme pas : son heure ne peut pas être dans le futur."
                    )
                }
            )
        blog = Article.objects.filter(pk=self.article_id, live_blog=True)
        if self.article_id and not blog.exists():
            raise ValidationError({"article": _("Cet article n'est pas un direct.")})

    def validate_constraints(self, exclude=None) -> None:
        # Pinning an entry unpins the blog's other one (`live.post_entry`, `edit_entry`),
        # so "one pinned entry" is not an error to show; the database still enforces it.
        super().validate_constraints(exclude={*(exclude or ()), "pinned"})

    @property
    def results_box_id(self) -> str:
        """Its contest's results box, unique on a page that shows the contest again."""
        return f"e{self.pk}-{self.contest_id}"


class ArticleRedirect(CheckedTextModel):
    """An article's former slug: its old URL answers 301 to the current one."""

    old_slug = models.SlugField(_("ancien slug"), max_length=250, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("ancienne adresse d'article")
        verbose_name_plural = _("anciennes adresses d'articles")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.article.slug}"


def linked_page_exists(match) -> bool:
    """Whether the person, contest, election or article a body link names exists (an
    article by its slug or a former one, which still answers)."""
    slug = match.kwargs.get("slug")
    if match.view_name == "people:person":
        return Person.objects.filter(slug=slug).exists()
    if match.view_name == "elections:contest":
        code = match.kwargs.get("code")
        return Contest.objects.filter(election__slug=slug, constituency__code=code).exists()
    if match.view_name == "elections:election":
        return Election.objects.filter(slug=slug).exists()
    return (
        Article.objects.filter(slug=slug).exists()
        or ArticleRedirect.objects.filter(old_slug=slug).exists()
    )
