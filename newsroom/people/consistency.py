"""Contradictions in the people data, found for `manage.py check_data` and the editors' page.

Each app checks its own data and what it depends on (people <- elections <- articles); a
`Finding` says what contradicts what, and where an editor fixes it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.people import rules
from newsroom.people.models import Membership


@dataclass(frozen=True)
class Finding:
    check: str  # one of the CHECKS keys of the app that found it
    subject: str  # who or what, as readers name it
    detail: str  # what contradicts what, in a sentence
    fix_url: str = ""  # the admin page where it is fixed
    # Known and shown to readers with a caveat: listed, but not a failure.
    acknowledged: bool = False


def admin_url(instance) -> str:
    meta = instance._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])


def gendered_labels() -> list[Finding]:
    """Offices whose stored title is in the other gender than the person's."""
    memberships = Membership.objects.exclude(person__gender="").exclude(role="")
    return [
        Finding(
            "gender",
            membership.person.name,
            _("« %(role)s » ne s'accorde pas avec le genre renseigné (%(gender)s).")
            % {"role": membership.role, "gender": membership.person.get_gender_display()},
            admin_url(membership),
        )
        for membership in memberships.select_related("person").order_by("person__sort_key", "pk")
        if rules.gender_disagrees(membership.role, membership.person.gender)
    ]


def groups_without_seat(today=None) -> list[Finding]:
    """Members of a Sénat group shown as current who hold no current Sénat office."""
    current = Membership.objects.current(today)
    seated = current.filter(organisation__slug=rules.SENATE_SLUG).values("person_id")
    groups = (
        current.filter(organisation__parent__slug=rules.SENATE_SLUG)
        .exclude(person_id__in=seated)
        .select_related("person", "organisation")
        .order_by("person__sort_key", "pk")
    )
    return [
        Finding(
            "group_without_seat",
            membership.person.name,
            _("membre en cours de « %(group)s » sans fonction en cours au Sénat.")
            % {"group": membership.organisation.name},
            admin_url(membership),
        )
        for membership in groups
    ]
