"""The share image of a contest page: its address and its description (og:image:alt)."""

from django import template

from elections import share
from elections.display import ContestView

register = template.Library()


@register.filter
def share_alt(view: ContestView) -> str:
    """« Élections sénatoriales 2023, Nouvelle-Calédonie (988) : résultats, … »."""
    return share.contest_alt(view)


@register.simple_tag(takes_context=True)
def contest_image_path(context: template.Context, view: ContestView) -> str:
    """The card's address, versioned by what it shows."""
    return share.image_path(view, site=str(context.get("site_name") or ""))
