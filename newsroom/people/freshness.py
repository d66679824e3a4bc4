"""What the people app's rows show on reader pages, and what a change to them touches
(see `newsroom.caching.dependencies`). An office belongs to its person's key: every page
that shows the person shows it."""

from newsroom.caching.dependencies import key, listing, own, register
from newsroom.people.models import Membership, Organisation, Person

# The people index and the organisation pages list persons; the sitemap gives their URLs.
PEOPLE_LISTINGS = ("listing:people", "listing:sitemap")


def connect() -> None:
    register(Person, touches=lambda person: PEOPLE_LISTINGS)
    register(Organisation, touches=lambda organisation: PEOPLE_LISTINGS)
    register(
        Membership,
        shows=lambda membership: [key(Person, own(membership, "person_id"))],
        touches=lambda membership: [
            key(Organisation, membership.organisation_id),
            listing(Organisation, membership.organisation_id),
            "listing:people",
        ],
    )
