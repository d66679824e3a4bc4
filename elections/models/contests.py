"""Contests, their rounds, candidacies (a person or an ordered list) and votes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from elections import validation
from elections.models.base import Constituency, Election, raise_problems
from elections.models.calls import calls_prefetch
from elections.models.provenance import OfficialWinner, ResultUpdate
from elections.status import LIVE
from newsroom import text
from newsroom.people.models import Organisation, Person
from newsroom.validation import CheckedTextModel


class VotingSystem(models.TextChoices):
    MAJORITARIAN = "majoritarian", _("scrutin majoritaire à deux tours")
    PROPORTIONAL = "proportional", _("représentation proportionnelle à la plus forte moyenne")


class ContestStatus(models.TextChoices):
    UPCOMING = "upcoming", _("à venir")
    COUNTING = "counting", _("dépouillement en cours")
    PROVISIONAL = "provisional", _("résultats provisoires")
    FINAL = "final", _("résultats définitifs")


def winners_prefetch() -> Prefetch:
    """Each contest's official winners with person and party, in their order: one query
    for any number of contests (`prefetch_related` or `prefetch_related_objects`)."""
    # Each contest's own winners: ordering by contest would join its election and
    # constituency for nothing.
    return Prefetch(
        "official_winners",
        queryset=OfficialWinner.objects.select_related("person", "party").order_by(
            "position", "pk"
        ),
    )


class ContestQuerySet(models.QuerySet):
    def matching(self, query: str) -> "ContestQuerySet":
        """Contests whose constituency's name holds every word of `query` (with or without
        accents) or whose code is the query, and those a person it names stood in (alone
        or on a list) or won."""
        words = text.terms(query)
        if not words:
            return self.none()
        place = Q()
        for word in words:
            place &= Q(constituency__name__iregex=text.accent_pattern(word))
        persons = Person.objects.matching(query).values("pk")
        found = (
            place
            | Q(constituency__code__iexact=query.strip())
            | Q(candidacies__person__in=persons)
            | Q(candidacies__members__person__in=persons)
            | Q(official_winners__person__in=persons)
        )
        # Matched through several rows (candidate and winner): listed once.
        return self.filter(pk__in=self.filter(found).values("pk"))

    def counting(self) -> "ContestQuerySet":
        """Contests being counted or with provisional results, each with the time of its
        latest update (`last_update`), the latest first: the desk's worklist."""
        return (
            self.filter(status__in=LIVE)
            .select_related("election", "constituency")
            .annotate(last_update=Max("updates__recorded_at"))
            .order_by(F("last_update").desc(nulls_last=True), "constituency__code")
        )

    def for_figures(self) -> "ContestQuerySet":
        """The figures and who they elect, in 7 queries: contest + election +
        constituency, rounds, candidacies (person, substitute, party), list members, votes,
        official winners (person, party), sources."""
        return self.select_related("election", "constituency").prefetch_related(
            "rounds",
            Prefetch(
                "candidacies",
                queryset=Candidacy.objects.select_related("person", "substitute", "party"),
            ),
            Prefetch(
                "candidacies__members",
                queryset=ListMember.objects.select_related("person"),
            ),
            "rounds__results",
            Prefetch(
                "official_winners",
                queryset=OfficialWinner.objects.select_related("person", "party"),
            ),
            Prefetch("updates", queryset=ResultUpdate.objects.order_by("-recorded_at", "-pk")),
        )

    def for_page(self) -> "ContestQuerySet":
        """`for_figures()` and the race calls (who made them, whom they name): what the
        contest page, its fragment and JSON, the results desk and its calls read."""
        return self.for_figures().prefetch_related(calls_prefetch())

    def for_election_page(self) -> "ContestQuerySet":
        """The contests of an election with what their rows show: constituency, winners."""
        return self.select_related("constituency").prefetch_related(
            Prefetch(
                "official_winners",
                queryset=OfficialWinner.objects.select_related("person", "party"),
            ),
            Prefetch(
                "candidacies",
                queryset=Candidacy.objects.select_related("person", "party"),
            ),
            Prefetch("candidacies__members", queryset=ListMember.objects.select_related("person")),
            "rounds__results",
            "updates",
        )

    def for_sitemap(self) -> "ContestQuerySet":
        return self.select_related("election", "constituency").order_by("election", "constituency")

    def for_person_history(self, person: Person) -> "ContestQuerySet":
        """The contests a person stood in (as candidate or list member) or officially won,
        newest election first, fetched as the contest page does: one query when there are
        none, a fixed number otherwise."""
        stood = Q(candidacies__person=person) | Q(candidacies__members__person=person)
        ids = self.filter(stood | Q(official_winners__person=person)).values("pk")
        return (
            self.filter(pk__in=ids)
            .for_figures()
            .order_by("-election__date", "election__name", "constituency__code")
        )


class Contest(CheckedTextModel):
    election = models.ForeignKey(
        Election, verbose_name=_("élection"), on_delete=models.CASCADE, related_name="contests"
    )
    constituency = models.ForeignKey(
        Constituency,
        verbose_name=_("circonscription"),
        on_delete=models.PROTECT,
        related_name="contests",
    )
    seats = models.PositiveSmallIntegerField(_("sièges à pourvoir"), default=1)
    system = models.CharField(
        _("mode de scrutin"),
        max_length=20,
        choices=VotingSystem.choices,
        help_text=_(
            "Sénatoriales : majoritaire à deux tours pour 1 ou 2 sièges, "
            "proportionnelle à la plus forte moyenne à partir de 3 sièges."
        ),
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=ContestStatus.choices,
        default=ContestStatus.UPCOMING,
        help_text=_(
            "« Dépouillement en cours » fait rafraîchir la page des lecteurs toutes les 30 s ; "
            "passez à « définitifs » une fois les résultats proclamés."
        ),
    )

    figures_caveat = models.TextField(
        _("avertissement sur les chiffres"),
        blank=True,
        help_text=_(
            "Montré aux lecteurs avec les résultats, dans le JSON et le CSV. Rempli par un "
            "import de chiffres officiels incohérents accepté tels quels ; vidé par un import "
            "cohérent."
        ),
    )

    objects = ContestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "constituency__code"]
        verbose_name = _("scrutin")
        verbose_name_plural = _("scrutins")
        permissions = [
            ("change_contest_status", _("Changer le statut d'un scrutin")),
            ("import_results", _("Importer des résultats")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "constituency"], name="one_contest_per_constituency"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="contest_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.election} — {self.constituency.name}"

    def get_absolute_url(self) -> str:
        """Empty when the code cannot be part of a URL (a row written before codes were
        checked, e.g. "S/1"): pages and sitemaps listing the contest still render."""
        try:
            return reverse(
                "elections:contest",
                kwargs={"slug": self.election.slug, "code": self.constituency.code},
            )
        except NoReverseMatch:
            return ""

    @property
    def is_proportional(self) -> bool:
        return self.system == VotingSystem.PROPORTIONAL

    @property
    def is_live(self) -> bool:
        return self.status in LIVE

    def clean(self) -> None:
        raise_problems(
            validation.seats_problems(seats=self.seats, proportional=self.is_proportional),
            {"seats"},
        )


class Round(models.Model):
    contest = models.ForeignKey(
        Contest, verbose_name=_("scrutin"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("tour"), default=1)
    date = models.DateField(_("date"), null=True, blank=True)
    registered = models.PositiveIntegerField(_("inscrits"), null=True, blank=True)
    voters = models.PositiveIntegerField(_("votants"), null=True, blank=True)
    blank = models.PositiveIntegerField(
        _("blancs"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si la source ne donne que le total blancs + nuls."),
    )
    null = models.PositiveIntegerField(
        _("nuls"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si la source ne donne que le total blancs + nuls."),
    )
    expressed = models.PositiveIntegerField(
        _("exprimés"),
        null=True,
        blank=True,
        help_text=_("Saisi tel que publié : votants − blancs − nuls."),
    )
    is_final = models.BooleanField(
        _("dépouillement terminé"),
        default=False,
        help_text=_("Cocher quand tous les bulletins de ce tour sont comptés."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["contest", "number"]
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="one_round_per_number"),
        ]

    def __str__(self) -> str:
        return _("Tour %(number)s") % {"number": self.number}

    @property
    def blank_and_null(self) -> int | None:
        """Blank + null ballots: known even when the source does not split them."""
        if self.voters is None or self.expressed is None:
            return None
        return self.voters - self.expressed

    @property
    def turnout(self):
        from elections.counting import share

        if self.voters is None or not self.registered:
            return None
        return share(self.voters, self.registered)

    def clean(self) -> None:
        totals = {name: getattr(self, name) for name in validation.ROUND_FIELDS}
        raise_problems(validation.round_problems(**totals), set(totals))


class Candidacy(CheckedTextModel):
    contest = models.ForeignKey(
        Contest, verbose_name=_("scrutin"), on_delete=models.CASCADE, related_name="candidacies"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("candidat ou candidate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        help_text=_("Scrutin majoritaire. Pour une liste, laisser vide et saisir ses membres."),
    )
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("suppléant ou suppléante"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitute_candidacies",
    )
    list_name = models.CharField(
        _("nom de la liste"),
        max_length=250,
        blank=True,
        help_text=_("Scrutin de liste : le titre tel que déposé."),
    )
    party = models.ForeignKey(
        Organisation,
        verbose_name=_("parti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        help_text=_(
            "L'organisation à laquelle l'étiquette renvoie ; sa couleur sert aux graphiques."
        ),
    )
    label = models.CharField(
        _("étiquette"),
        max_length=200,
        blank=True,
        help_text=_("Telle que publiée, par exemple « dissident LR » ou « Sans étiquette »."),
    )
    incumbent = models.BooleanField(_("sortant"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    NO_COLOUR = "#7a7a7a"  # charts: a party without a colour, or no party

    class Meta:
        ordering = ["contest", "position", "pk"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        constraints = [
            models.CheckConstraint(
                condition=~Q(person__isnull=True, list_name=""),
                name="candidacy_has_person_or_list_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.list_name:
            return self.list_name
        return self.person.name if self.person_id else ""

    @property
    def colour(self) -> str:
        return (self.party.colour if self.party_id else "") or self.NO_COLOUR

    def clean(self) -> None:
        if self.person_id is None and not self.list_name:
            raise ValidationError(
                {
                    "person": _(
                        "Indiquez le candidat, ou le nom de la liste pour un scrutin de liste."
                    )
                }
            )


class ListMember(models.Model):
    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("liste"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="list_places"
    )
    position = models.PositiveSmallIntegerField(
        _("rang"), help_text=_("1 = tête de liste ; les sièges vont aux membres dans cet ordre.")
    )

    class Meta:
        ordering = ["candidacy", "position"]
        verbose_name = _("membre de liste")
        verbose_name_plural = _("membres de liste")
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "position"], name="one_member_per_rank"),
            models.UniqueConstraint(fields=["candidacy", "person"], name="one_rank_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class RoundResult(models.Model):
    """The votes of one candidacy in one round."""

    round = models.ForeignKey(
        Round, verbose_name=_("tour"), on_delete=models.CASCADE, related_name="results"
    )
    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="results"
    )
    votes = models.PositiveIntegerField(_("voix"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "-votes", "candidacy__position"]
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")
        constraints = [
            models.UniqueConstraint(fields=["round", "candidacy"], name="one_result_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.candidacy} : {self.votes}"

    def clean(self) -> None:
        if self.round_id and self.candidacy_id:
            raise_problems(
                validation.same_contest_problems(
                    round_contest=self.round.contest_id,
                    candidacy_contests=[self.candidacy.contest_id],
                ),
                {"candidacy"},
            )
            raise_problems(
                validation.votes_problems(
                    expressed=self.round.expressed,
                    votes=[(self.candidacy.name, self.votes)],
                    proportional=True,
                    complete=False,
                ),
                {"votes"},
            )
