"""E-mails of the review loop, through Django's mail (the console in `make run`, SMTP
where the settings say so). Sent once the write has committed; a mail server that
fails is logged and never undoes the editor's work."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from newsroom.articles.permissions import PUBLISH_PERMISSION

log = logging.getLogger(__name__)


def display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("Quelqu'un")


def editors_addresses(*, besides) -> list[str]:
    """Everyone who may publish, with an address, but the one who acted."""
    editors = get_user_model().objects.with_perm(
        PUBLISH_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted({user.email for user in editors.exclude(pk=besides.pk).exclude(email="")})


def _send(subject: str, lines: list[str], recipients: list[str]) -> None:
    if not recipients:
        return
    try:
        send_mail(subject, "\n\n".join(line for line in lines if line), None, recipients)
    except OSError:
        log.exception("review e-mail not sent: %s", subject)


def submitted(*, article, by, note: str, link: str) -> None:
    _send(
        _("À relire : %(title)s") % {"title": article.title},
        [
            _("%(who)s a soumis « %(title)s » pour relecture.")
            % {"who": display_name(by), "title": article.title},
            note and _("Sa note : %(note)s") % {"note": note},
            link,
        ],
        editors_addresses(besides=by),
    )


def sent_back(*, article, by, reason: str, link: str) -> None:
    author = article.created_by
    _send(
        _("Renvoyé : %(title)s") % {"title": article.title},
        [
            _("%(who)s vous renvoie « %(title)s ».")
            % {"who": display_name(by), "title": article.title},
            _("Motif : %(reason)s") % {"reason": reason},
            link,
        ],
        [author.email] if author and author.email and author != by else [],
    )
