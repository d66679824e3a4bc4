from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language` on French pages.

    With `prefix_default_language=False` an unprefixed URL is always French (Django then
    ignores Accept-Language and the language cookie), yet the stock middleware still adds
    the header there, which would make a CDN keep one copy per browser language of every
    French page. The language is in the URL, so the URL is the cache key.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        if "Vary" in response:
            kept = [
                value
                for value in cc_delim_re.split(response["Vary"])
                if value and value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
