"""The results desk of `make bench-election`: one round result saved per second, through
the service the admin's desk uses, for `seconds`; after each save, how long until an
anonymous reader is shown it.

    python -m bench.results_desk <base URL> <seconds>

Run with the served site's environment (same database and cache). Each write moves one
vote between the two leading candidacies of a contest linked to an article: the contest
page changes. With BENCH_ELECTION_STATUS_EVERY=n, every n-th write also moves its status
one step (final → provisional ↔ counting), which the article's results box shows too (it
shows who won and the status, not the figures).

With BENCH_ELECTION_LIVE=1, each write is also told in the night's live blog (an entry
linked to the contest, `bench.sample.open_live_blog`).

The freshness delay is measured from the moment the save has committed to the first answer
whose text differs from the one served just before, polled every 10 ms asking for gzip as
browsers do (one rendering per change, the one readers get), on the contest page at every
write, on the article at every status change and on the live page at every entry (the
text, not the ETag: an edge that assembles a page from its fragments sends none).

Its start-up (Django, the contests chosen) is not part of the night: once ready it prints
`ready` and writes from the moment it reads a line (the load starts then). Prints one JSON
object at the end.
"""

import gzip
import hashlib
import json
import os
import sys
import threading
import time
import urllib.request

from bench import setup_django

POLL_SECONDS = 0.01
# Every n-th write moves the status too (BENCH_ELECTION_STATUS_EVERY; 0: never).
STATUS_EVERY = int(os.environ.get("BENCH_ELECTION_STATUS_EVERY", "0"))
# Each write is also told in the night's live blog (BENCH_ELECTION_LIVE=1): an entry
# linked to the contest, whose delay is measured on the live page.
LIVE = os.environ.get("BENCH_ELECTION_LIVE") == "1"
GIVE_UP_SECONDS = 10.0
NEXT_STATUS = {"final": "provisional", "provisional": "counting", "counting": "provisional"}


def fetch(url: str) -> bytes:
    """The page as a browser gets it (asking for gzip, as every browser does: the variant
    readers are served and the page cache keeps), decompressed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(body)
        return body


def digest(url: str) -> str:
    """What the page says, in short."""
    return hashlib.md5(fetch(url), usedforsecurity=False).hexdigest()


def delay_until_shown(url: str, marker: str, committed: float, out: list) -> None:
    """Until the page's text holds `marker` (an entry's anchor): a live page also changes
    when a contest its entries show does."""
    while time.monotonic() - committed < GIVE_UP_SECONDS:
        if marker in fetch(url).decode():
            out.append(time.monotonic() - committed)
            return
        time.sleep(POLL_SECONDS)
    out.append(float("inf"))
    print(f"never shown within {GIVE_UP_SECONDS:.0f} s: {marker} on {url}", file=sys.stderr)


def delay_until_changed(url: str, before: str, committed: float, out: list) -> None:
    while time.monotonic() - committed < GIVE_UP_SECONDS:
        if digest(url) != before:
            out.append(time.monotonic() - committed)
            return
        time.sleep(POLL_SECONDS)
    out.append(float("inf"))
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        print(
            f"never shown within {GIVE_UP_SECONDS:.0f} s: {url} "
            f"X-Cache {response.headers.get('X-Cache')} "
            f"Surrogate-Key {response.headers.get('Surrogate-Key')}",
            file=sys.stderr,
        )


def targets():
    """Contests linked to a published article, with a round and two candidacies."""
    from elections.models import Contest
    from newsroom.articles.models import Article

    found = []
    for contest in Contest.objects.select_related("election", "constituency").order_by("pk"):
        article = Article.objects.published().filter(contests=contest).order_by("pk").first()
        if article is None:
            continue
        if contest.rounds.filter(number=1).exists() and contest.candidacies.count() >= 2:
            found.append((contest.pk, article.get_absolute_url()))
        if len(found) >= 200:
            break
    return found


def entry_for(contest, *, new_status: bool):
    """The round as it stands, one vote moved between the two leading candidacies, the
    status one step on if `new_status`."""
    from elections.services.desk import RoundEntry
    from elections.validation import ROUND_FIELDS

    round_ = next(r for r in contest.rounds.all() if r.number == 1)
    votes = {result.candidacy_id: result.votes for result in round_.results.all()}
    leading = sorted(votes, key=lambda pk: (-votes[pk], pk))[:2]
    if len(leading) == 2 and votes[leading[0]] > 0:
        votes[leading[0]] -= 1
        votes[leading[1]] += 1
    return RoundEntry(
        number=1,
        totals={name: getattr(round_, name) for name in ROUND_FIELDS},
        is_final=round_.is_final,
        votes=votes,
        status=NEXT_STATUS.get(contest.status, "counting") if new_status else contest.status,
    )


def live_blog():
    from bench.sample import LIVE_SLUG
    from newsroom.articles.models import Article

    return Article.objects.get(slug=LIVE_SLUG)


def tell(blog, contest, desk):
    """An entry in the live blog about the write just made, as a journalist posts it."""
    from newsroom.articles import live
    from newsroom.articles.models import LiveEntry

    body = f"<p>Nouveaux chiffres : {contest.constituency.name}.</p>"
    return live.post_entry(entry=LiveEntry(article=blog, body=body, contest=contest), by=desk)


def main(base: str, seconds: float) -> dict:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from elections.models import Contest
    from elections.services.desk import save_round_results

    desk, _ = get_user_model().objects.get_or_create(
        username="bench-results-desk", defaults={"is_staff": True, "is_superuser": True}
    )
    chosen = targets()
    delays = {"contest": [], "article": [], "live": []}
    blog = live_blog() if LIVE else None
    print("ready", flush=True)
    sys.stdin.readline()  # the load has started
    writes = refused = 0
    start = time.monotonic()
    index = 0
    while chosen and time.monotonic() - start < seconds:
        tick = time.monotonic()
        pk, article_path = chosen[index % len(chosen)]
        index += 1
        contest = Contest.objects.for_page().get(pk=pk)
        new_status = bool(STATUS_EVERY) and writes % STATUS_EVERY == 0
        urls = {"contest": base + contest.get_absolute_url()}
        if new_status:
            urls["article"] = base + article_path
        before = {name: digest(url) for name, url in urls.items()}
        entry = entry_for(contest, new_status=new_status)
        try:
            save_round_results(contest=contest, entry=entry, by=desk, source="Banc d'essai")
        except ValidationError:
            refused += 1
            continue
        committed = time.monotonic()
        writes += 1
        pollers = [
            threading.Thread(
                target=delay_until_changed, args=(url, before[name], committed, delays[name])
            )
            for name, url in urls.items()
        ]
        for poller in pollers:
            poller.start()
        if blog is not None:
            told = tell(blog, contest, desk)
            shown = (base + blog.get_absolute_url(), f'id="entree-{told.pk}"')
            pollers.append(
                threading.Thread(
                    target=delay_until_shown, args=(*shown, time.monotonic(), delays["live"])
                )
            )
            pollers[-1].start()
        for poller in pollers:
            poller.join()
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    return {"writes": writes, "refused": refused, "contests": len(chosen), "delays": delays}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], float(sys.argv[2]))))
