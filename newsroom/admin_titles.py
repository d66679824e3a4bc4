"""The admin's titles in correct French: « Ajout d'un article », « Modification d'une
rubrique », « Ajouter une fonction ».

Django builds them from the model's name alone (« Ajout de article », « Ajouter un objet
fonction supplémentaire »), which French cannot do without the noun's gender: this table
gives it, for every model the admin shows (tests/foundation/test_admin_french.py fails when
one is missing). A model left out keeps Django's wording.
"""

from django.db.models.options import Options
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Model label → the French name is feminine.
FEMININE = {
    "auth.Group": False,
    "auth.User": False,
    "sites.Site": False,
    "flatpages.FlatPage": True,
    "axes.AccessAttempt": True,
    "axes.AccessLog": True,
    "axes.AccessFailureLog": False,
    "people.Person": True,
    "people.Organisation": True,
    "people.Membership": True,
    "elections.Round": False,
    "elections.Candidacy": True,
    "elections.RoundResult": False,
    "elections.OfficialWinner": False,
    "elections.Election": True,
    "elections.Constituency": True,
    "elections.Contest": False,
    "elections.ListMember": False,
    "elections.ResultUpdate": True,
    "articles.Section": True,
    "articles.Topic": False,
    "articles.ArticleRedirect": True,
    "articles.ArticleNote": True,
    "articles.Article": False,
    "articles.LiveEntry": True,
}

TITLES = {
    ("add", False): _("Ajout d'un %(name)s"),
    ("add", True): _("Ajout d'une %(name)s"),
    ("change", False): _("Modification d'un %(name)s"),
    ("change", True): _("Modification d'une %(name)s"),
    ("view", False): _("Affichage d'un %(name)s"),
    ("view", True): _("Affichage d'une %(name)s"),
}
ADD_ANOTHER = {False: _("Ajouter un %(name)s"), True: _("Ajouter une %(name)s")}

# The titles Django's ModelAdmin.changeform_view gives, as msgids of its own catalog.
DJANGO_TITLES = {"add": "Add %s", "change": "Change %s", "view": "View %s"}


def french_title(verbose_name: str, *, feminine: bool, action: str) -> str:
    """The title of the admin page that adds, changes or shows (`action`) one object."""
    return TITLES[action, feminine] % {"name": verbose_name}


def french_add_another(verbose_name: str, *, feminine: bool) -> str:
    """The label of the link adding one more row to an inline."""
    return ADD_ANOTHER[feminine] % {"name": verbose_name}


def admin_title(title: str, opts: Options) -> str:
    """`title` in correct French if it is one Django built for `opts`, else unchanged."""
    feminine = FEMININE.get(opts.label)
    if feminine is None:
        return title
    for action, msgid in DJANGO_TITLES.items():
        if title == gettext(msgid) % opts.verbose_name:
            return french_title(opts.verbose_name, feminine=feminine, action=action)
    return title


def add_another(label: str, verbose_name: str) -> str | None:
    """An inline's « add » link for the model `label`, or None to keep Django's."""
    feminine = FEMININE.get(label)
    if feminine is None:
        return None
    return french_add_another(verbose_name, feminine=feminine)
