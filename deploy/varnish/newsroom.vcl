# Newsroom's edge: Varnish in front of the app servers (Debian's varnish and
# varnish-modules for xkey). Readers' pages are kept as long as their s-maxage says and
# dropped the moment something they show changes: the app sends the freshness keys each
# page shows as Surrogate-Key, and after each write a PURGE naming the keys it changed
# (newsroom/caching/edge.py, EDGE_PURGE_URLS).
vcl 4.1;

import std;
import xkey;

# The set-up's own part, beside this file: `backend default { ... }` (the app server, with
# a health probe on /healthz) and `acl purgers { ... }` (the app servers' addresses, the only
# ones whose PURGE is obeyed). `make edge` and the tests write one; see README.
include "newsroom-site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purge refused"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge)));
    }
    # Only this edge says it assembles fragments (below), never a client.
    unset req.http.Surrogate-Capability;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # POSTs (forms, the admin) always reach the app
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The newsroom's side and previews are never kept, whoever asks.
    if (req.url ~ "^/admin/" || req.url ~ "^(/en)?/(apercu|preview)/") {
        return (pass);
    }
    # A session or CSRF cookie: someone signed in (staff, a preview); readers have neither.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie (analytics, consent) changes nothing the app renders.
    unset req.http.Cookie;
    # This edge assembles pages from fragments (Edge Side Includes): an article includes
    # each contest's results box by its own URL instead of showing it, so a contest called
    # drops and renders one box, not every article about it (newsroom/caching/edge.py).
    # The site part says so with the value the app expects (site-vcl).
    call newsroom_includes;
    # While the app answers, a page past its lifetime is served stale for at most the
    # time its refresh takes (stale-while-revalidate); while it does not, as long as
    # stale-if-error allows (the grace set below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # s-maxage sets the TTL (Varnish reads it before max-age). Keep each object, once
    # expired, for as long as stale-if-error allows, to answer while the app is down.
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-if-error=(\d+).*", "\1") + "s", 10s);
    } elsif (beresp.http.Cache-Control ~ "stale-while-revalidate=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-while-revalidate=(\d+).*", "\1") + "s",
            10s);
    }
    # Surrogate-Control (meant for edges that purge, like this one) sets the TTL: the
    # page's whole lifetime in the app's page cache, since every write purges the pages
    # it changes; s-maxage (a minute) is for shared caches that are not purged.
    if (beresp.http.Surrogate-Control ~ "max-age=\d+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*max-age=(\d+).*", "\1") + "s", 60s);
    }
    # A page holding includes says so; each included fragment is an object of its own.
    if (beresp.http.Surrogate-Control ~ "content=.ESI/1\.0") {
        set beresp.do_esi = true;
    }
    # The Surrogate-Key header names the object's keys for xkey (as sent by the app).
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # A reader page the app says is already out of date (the previous rendering, served
    # while the new one renders): not kept, and asked for again after a second rather
    # than sent to the app for the two minutes of Varnish's own rule.
    if (beresp.ttl <= 0s && beresp.http.Surrogate-Key && !beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # Then Varnish's own rules: nothing with Set-Cookie, private, no-store or no TTL kept.
}

sub vcl_deliver {
    # Hit or miss, for the benchmark's hit ratio and for curious operators.
    if (obj.hits > 0) {
        set resp.http.X-Edge = "HIT";
    } else {
        set resp.http.X-Edge = "MISS";
    }
    # An include that failed (a contest deleted, the app down when its box was purged)
    # leaves its place empty rather than put an error page inside the article.
    if (req.esi_level > 0 && resp.status != 200) {
        return (synth(204));
    }
    # A page assembled here from fragments that change on their own: neither its ETag
    # nor its date tells whether a reader's copy is current, so it is sent whole (no 304,
    # which Varnish would otherwise answer from the stored date).
    if (resp.http.Surrogate-Control ~ "content=.ESI/1\.0") {
        unset resp.http.ETag;
        unset resp.http.Last-Modified;
        unset req.http.If-None-Match;
        unset req.http.If-Modified-Since;
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
}

sub vcl_synth {
    if (req.esi_level > 0) {
        set resp.body = "";
        return (deliver);
    }
}
