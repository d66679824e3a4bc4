from django import template

from newsroom.articles import desk
from newsroom.articles.notify import display_name

register = template.Library()


@register.simple_tag
def desk_for(user) -> desk.Desk:
    """The desk's lists for this member of staff (the admin's home page)."""
    return desk.desk_for(user)


@register.filter
def staff_name(user) -> str:
    """A member of staff's full name, else their username ("Quelqu'un" for nobody)."""
    return display_name(user)
