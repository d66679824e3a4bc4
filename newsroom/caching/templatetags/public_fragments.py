"""`{% public_fragment "name" part… %}…{% endpublic_fragment %}`: a heavy block of a
reader page (related articles, a results box) rendered once per content version and
language, then reused by every page that shows it until the next write.

Only for a reader's page (marked by `cache_public_page` before the view runs): a signed-in
user's page or a preview renders the block afresh and stores nothing.
"""

import hashlib
import logging

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from newsroom import caching

logger = logging.getLogger(__name__)
register = template.Library()


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, parts: list):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if request is None or not getattr(request, "public_page", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        try:
            version = getattr(request, "content_version", None) or caching.content_version()
            if version is None:  # the shared cache is down
                return self.nodelist.render(context)
            raw = "|".join([*parts, get_language() or ""])
            key = f"fragment:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"
            html = cache.get(key)
        except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
            logger.exception("Fragment cache unavailable; rendering %s", parts)
            return self.nodelist.render(context)
        if html is None:
            html = self.nodelist.render(context)
            try:
                cache.set(key, html, timeout=caching.page_timeout(version=version, request=request))
            except Exception:  # noqa: BLE001 - the cache went down meanwhile
                logger.exception("Fragment cache unavailable; %s not stored", parts)
        return html


@register.tag("public_fragment")
def public_fragment(parser: template.base.Parser, token: template.base.Token) -> PublicFragmentNode:
    parts = token.split_contents()[1:]
    if not parts:
        raise template.TemplateSyntaxError("public_fragment needs a name, then what varies")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, [parser.compile_filter(part) for part in parts])
