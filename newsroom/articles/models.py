import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom import sql_rows
from newsroom.articles.rules import reading_time, story_would_loop
from newsroom.articles.sanitise import clean_html
from newsroom.uploads import GeneratedName, validate_image
from newsroom.validation import CheckedTextModel


class SectionQuerySet(models.QuerySet):
    def for_navigation(self) -> "SectionQuerySet":
        return self.filter(in_navigation=True).order_by("position", "name", "pk")

    def navigation_list(self) -> list["Section"]:
        return self.navigation_and_next_publication(timezone.now())[0]

    def navigation_and_next_publication(
        self, now: datetime.datetime
    ) -> tuple[list["Section"], datetime.datetime | None]:
        """`for_navigation()` and `Article.objects.next_publication_at(now)` in one
        plain-SQL statement over columns built once per process: every page rendered on a
        cache miss shows the menu, and may be kept only until the next scheduled
        publication. One round trip instead of two, on the pages an election night renders
        most."""
        db = self.db
        shown = sql_rows.columns(db, Section, "s")
        published_at = sql_rows.value(db, Article, "published_at", "a")
        upcoming_sql, upcoming_params = Article.objects.db_manager(db).next_publication_sql(now)
        time_type = Article._meta.get_field("published_at").cast_db_type(connections[db])
        # Menu rows first (kind 0) in the menu's order, then the one row (kind 1) holding
        # the next publication time, NULL when none is scheduled.
        position = 2 + shown.attnames.index("position")
        name = 2 + shown.attnames.index("name")
        sql = (
            f"SELECT 0, {shown.sql}, CAST(NULL AS {time_type}) "  # noqa: S608
            f"FROM {sql_rows.table(db, Section)} s WHERE s.in_navigation = %s "
            f"UNION ALL SELECT 1, {shown.nulls}, ({upcoming_sql}) "
            f"ORDER BY 1, {position}, {name}, 2"
        )
        rows = sql_rows.fetch(
            db, sql, [True, *upcoming_params], (sql_rows.Plain(), shown, published_at)
        )
        return [row[1] for row in rows if row[0] == 0], rows[-1][2]


class Section(CheckedTextModel):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
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


class Topic(CheckedTextModel):
    """A dossier gathering a story over time, e.g. "Sénatoriales 2023"."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    in_focus = models.BooleanField(
        _("à la une"), default=False, help_text=_("Mis en avant sur la page d'accueil.")
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
        """The one visibility rule: published status and a publication time already past.

        A future publication time means scheduled: the article appears by itself when the
        time comes, with no job to run.
        """
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())

    def published_sql(self, alias: str) -> tuple[str, list]:
        """The same rule as SQL on the articles table named `alias`, for reads written in
        plain SQL (tests check both forms select the same articles)."""
        connection = connections[self.db]
        quote = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        sql = f"{quote(alias)}.status = %s AND {quote(alias)}.published_at <= %s"
        return sql, [Status.PUBLISHED.value, now]

    def next_publication_sql(self, now: datetime.datetime) -> tuple[str, list]:
        """SELECT of the earliest publication time still to come among published
        articles (no row when none), and its parameters."""
        connection = connections[self.db]
        sql = (
            f"SELECT a.published_at FROM {sql_rows.table(self.db, Article)} a "  # noqa: S608
            f"WHERE a.status = %s AND a.published_at > %s ORDER BY a.published_at LIMIT 1"
        )
        return sql, [Status.PUBLISHED.value, connection.ops.adapt_datetimefield_value(now)]

    def next_publication_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The earliest publication time still to come among published articles, in
        plain SQL built once per process (asked on every page rendered for the cache)."""
        sql, params = self.next_publication_sql(now)
        published_at = sql_rows.value(self.db, Article, "published_at", "a")
        rows = sql_rows.fetch(self.db, sql, params, (published_at,))
        return rows[0][0] if rows else None

    def for_listing(self) -> "ArticleQuerySet":
        # Lists never show the body, the largest column by far.
        return (
            self.defer("body")
            .select_related("section")
            .prefetch_related("authors")
            .order_by("-published_at", "-pk")
        )

    def for_page(self) -> "ArticleQuerySet":
        """The article with its section; the page's other links are read by
        `newsroom.articles.page_data.read_links`, in plain SQL built once per process."""
        return self.select_related("section")


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
    reading_time = models.PositiveSmallIntegerField(
        _("temps de lecture (min)"), default=0, editable=False
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
    history = HistoricalRecords(
        m2m_fields=[topics, authors, persons, contests, further_reading],
        excluded_fields=["reading_time", "preview_secret"],
    )

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
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Sanitise on every save so nothing unsafe is ever stored, whatever the entry point.
        self.body = clean_html(self.body)
        self.reading_time = reading_time(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "reading_time"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
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

    @staticmethod
    def _previous_of(article_id: int) -> int | None:
        return Article.objects.filter(pk=article_id).values_list("previous_id", flat=True).first()

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


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


class RelatedList(models.Model):
    """The state of one article's kept related candidates (`newsroom.articles.related_lists`):
    the key (score, publication time, id) of the best candidate left out, or none when
    every candidate is kept. An article without one is scored when viewed."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    floor_score = models.PositiveSmallIntegerField(null=True)
    floor_published_at = models.DateTimeField(null=True)
    floor_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("liste d'articles liés")
        verbose_name_plural = _("listes d'articles liés")

    def __str__(self) -> str:
        return f"related list of article {self.article_id}"


class RelatedCandidate(models.Model):
    """One of the best candidates kept for an article's related block, with its score."""

    # Looked up by article through the unique constraint's index (article, candidate).
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", db_index=False)
    candidate = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("article lié retenu")
        verbose_name_plural = _("articles liés retenus")
        constraints = [
            models.UniqueConstraint(fields=["article", "candidate"], name="related_once"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.candidate_id} ({self.score})"
