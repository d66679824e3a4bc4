"""The two places the admin needs more than the site's Content-Security-Policy gives.

- ``{% csp_media media %}``: form media rendered with the request's CSP nonce, for the
  one inline script the admin needs (the body editor's import map).
- ``AdminStyleMiddleware``: the body editor injects its own ``<style>`` element, so admin
  responses (only) also allow inline styles. Scripts stay as strict as on the site.
"""

from csp.constants import UNSAFE_INLINE
from django import template
from django.urls import reverse
from js_asset import Media

register = template.Library()


@register.simple_tag(takes_context=True)
def csp_media(context, media):
    # django-csp's lazy nonce is falsy until read: test for None, not for truth.
    nonce = getattr(context.get("request"), "csp_nonce", None)
    return Media.from_media(media, nonce="" if nonce is None else str(nonce)).render()


class AdminStyleMiddleware:
    """Placed after django-csp's middleware, so it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
