"""`{% public_fragment "name" part… %}…{% endpublic_fragment %}`: a heavy block of a
reader page (related articles, a results box) rendered once per language, then reused by
every page that shows it until the data it shows changes (its freshness keys, recorded
while it rendered and added to each page that reuses it).

A block shows rows its page loaded before it (the results box, the contest read with the
article), so it starts with every key its page recorded so far. A block that reads what it
shows itself names the one row of the page it depends on instead, `shows=article`: the
related block is then kept when the page changes for another reason (a contest's status).

Only for a reader's page (marked by `cache_public_page` before the view runs): a signed-in
user's page or a preview renders the block afresh and stores nothing.
"""

import hashlib
import time

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from newsroom.caching import edge
from newsroom.caching.dependencies import began, keys_shown, record, recording
from newsroom.caching.timing import page_timeout
from newsroom.caching.verdict import Verdict, clock_skew_ns, judge

register = template.Library()


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, parts: list, shows=None):
        self.nodelist = nodelist
        self.parts = parts
        self.shows = shows

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if request is None or not getattr(request, "public_page", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        # A block of a page the edge assembles shows fewer of its page's keys (its results
        # boxes are includes): kept apart from the same block of a page rendered whole.
        raw = "|".join([*parts, get_language() or "", edge.rendering(request)])
        key = f"fragment:{hashlib.sha256(raw.encode()).hexdigest()}"
        entry = cache.get(key)
        if entry is not None and judge(entry) is Verdict.FRESH:
            record(*entry["keys"])
            return entry["html"]
        shows = None if self.shows is None else self.shows.resolve(context)
        with recording(inherit=shows is None) as keys:
            if shows is not None:
                keys.update(keys_shown(shows))
            # Its page's start: the rows it shows may have been read with the page.
            started = began() - clock_skew_ns()
            html = self.nodelist.render(context)
        timeout = page_timeout(request=request)
        entry = {"html": html, "keys": sorted(keys), "started": started}
        entry["stale_at"] = time.time() + timeout
        cache.set(key, entry, timeout=timeout)
        return html


@register.tag("public_fragment")
def public_fragment(parser: template.base.Parser, token: template.base.Token) -> PublicFragmentNode:
    parts = token.split_contents()[1:]
    shows = None
    if parts and parts[-1].startswith("shows="):
        shows = parser.compile_filter(parts.pop().removeprefix("shows="))
    if not parts:
        raise template.TemplateSyntaxError("public_fragment needs a name, then what varies")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, [parser.compile_filter(part) for part in parts], shows)
