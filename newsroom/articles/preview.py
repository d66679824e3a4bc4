"""Signed, expiring preview links for someone without an account (a fact-checker, a source).

The token carries the article's pk and its `preview_secret`, signed with the site's key and
timestamped; it is refused once older than PREVIEW_LINK_MAX_AGE or once the article's secret
is redrawn.
"""

import datetime

from django.core import signing

PREVIEW_LINK_MAX_AGE = datetime.timedelta(days=3)
_SALT = "newsroom.articles.preview"


class PreviewLinkExpired(Exception):
    pass


class PreviewLinkInvalid(Exception):
    pass


def make_token(*, pk: int, secret: str) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(f"{pk}.{secret}")


def read_token(
    token: str, *, max_age: datetime.timedelta = PREVIEW_LINK_MAX_AGE
) -> tuple[int, str]:
    """(pk, secret) of a valid token; PreviewLinkExpired or PreviewLinkInvalid otherwise."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    except signing.BadSignature as error:
        raise PreviewLinkInvalid from error
    pk, _, secret = value.partition(".")
    if not pk.isdigit() or not secret:
        raise PreviewLinkInvalid
    return int(pk), secret
