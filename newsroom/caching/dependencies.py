"""Freshness keys: what a reader page shows, and what a write touches.

A key names one piece of the data graph: a row and what belongs to it (`article:12` is the
article with its notes, `contest:44` a contest with its rounds, candidacies, results and
winners, `person:7` a person with their offices), or a listing (`listing:home`,
`listing:section:3`, `listing:topic:5`, `listing:person:7` — the articles about a person —,
`listing:feed`, `listing:sitemap`, `listing:search`, `results:election:2` — what an election
page and its map sum up).

Reading: while a reader page (or a shared fragment) renders, every model instance it loads
records the keys it shows (`keys_shown`), and views add the listings they are built from
(`record`). Writing: a change to a row touches the keys it shows plus those its rule adds
(its listings, its parents); they are stamped after the transaction commits (`touch`).
A page is stale once any of its keys was stamped after it began rendering.

Each app says, once, what its models show and touch (`register`, in its `freshness.py`); a
model registered with nothing shows `<model>:<pk>`. `ALL` is shown by every page: the site's
name, a restored database and the demo touch it.
"""

import contextvars
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.db import DatabaseError, models, transaction

logger = logging.getLogger(__name__)

ALL = "all"


def key(model: type[models.Model] | models.Model, pk) -> str:
    return f"{model._meta.model_name}:{pk}"


def listing(model: type[models.Model] | models.Model, pk) -> str:
    """The articles (or entries) listed under a row: `listing:topic:5`."""
    return f"listing:{key(model, pk)}"


def own(instance: models.Model, attname: str):
    """A field's value as loaded, without a query (None when deferred)."""
    return instance.__dict__.get(attname)


@dataclass(frozen=True)
class Rule:
    shows: Callable[[models.Model], Iterable[str]] | None = None
    touches: Callable[[models.Model], Iterable[str]] | None = None
    # A change never served stale, even for the second a page takes to render again.
    hard: bool = False


RULES: dict[type[models.Model], Rule] = {}


def register(
    model: type[models.Model],
    *,
    shows: Callable[[models.Model], Iterable[str]] | None = None,
    touches: Callable[[models.Model], Iterable[str]] | None = None,
    hard: bool = False,
) -> None:
    """`shows(instance)`: the keys a page loading this row shows, from the row's own
    fields (no query). `touches(instance)`: the keys a change to it touches beyond those
    (its listings, its parents; it may query)."""
    RULES[model] = Rule(shows=shows, touches=touches, hard=hard)


def keys_shown(instance: models.Model) -> Iterable[str]:
    rule = RULES.get(type(instance))
    if rule is not None and rule.shows is not None:
        return [k for k in rule.shows(instance) if k]
    return (key(instance, instance.pk),)


def keys_touched(instance: models.Model) -> set[str]:
    keys = set(keys_shown(instance))
    rule = RULES.get(type(instance))
    if rule is not None and rule.touches is not None:
        keys.update(k for k in rule.touches(instance) if k)
    return keys


def is_hard(model: type[models.Model]) -> bool:
    rule = RULES.get(model)
    return rule is not None and rule.hard


# --- Reading -------------------------------------------------------------------------------

_recording: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "freshness_recording", default=None
)
_began: contextvars.ContextVar[int] = contextvars.ContextVar("freshness_began", default=0)


@contextmanager
def recording(*, inherit: bool = True) -> Iterator[set[str]]:
    """Collect the keys of what is rendered inside; they are also added to an enclosing
    recording (a fragment's keys belong to its page). A fragment starts with its page's
    keys so far (unless not `inherit`: it names what of the page it shows), and began when
    its page did (`began`): it shows rows the page loaded before it (a results box, the
    contest and winners read with the article), which recorded their keys in the page's
    set and may predate a write the fragment follows."""
    parent = _recording.get()
    keys = {ALL, *(parent if parent and inherit else ())}
    token = _recording.set(keys)
    began_token = _began.set(_began.get() if parent is not None else time.time_ns())
    try:
        yield keys
    finally:
        _began.reset(began_token)
        _recording.reset(token)
        if parent is not None:
            parent.update(keys)


def began() -> int:
    """When the outermost recording began (ns since the epoch): the earliest a row shown
    by what renders now may have been read."""
    return _began.get()


def is_recording() -> bool:
    return _recording.get() is not None


def record(*keys: str) -> None:
    """The page being rendered shows these keys (listings a view is built from)."""
    current = _recording.get()
    if current is not None:
        current.update(keys)


_summarised: contextvars.ContextVar[tuple[str | None, tuple[type[models.Model], ...]] | None] = (
    contextvars.ContextVar("freshness_summarised", default=None)
)


@contextmanager
def summarised(key: str, summarised_models: tuple[type[models.Model], ...]) -> Iterator[None]:
    """Rows of `summarised_models` loaded inside are shown through `key` alone: for a page
    that sums them up (an election page shows who won each contest, not its figures), which
    changes when the writer says the summary did (the results desk touches `key` only then,
    `sparing`), not at every row written. Other rows loaded inside record their own keys."""
    record(key)
    token = _summarised.set((key, summarised_models))
    try:
        yield
    finally:
        _summarised.reset(token)


@contextmanager
def shown_elsewhere(included_models: tuple[type[models.Model], ...]) -> Iterator[None]:
    """Rows of `included_models` loaded inside are not shown by the page being rendered:
    an edge includes, in their place, fragments with their own keys (ESI, `edge.includes`),
    so that a change to such a row renders the fragment once, not every page including
    it. The page only links them (through rows of other models, which record their keys)."""
    token = _summarised.set((None, included_models))
    try:
        yield
    finally:
        _summarised.reset(token)


def instance_loaded(sender, instance: models.Model, **kwargs) -> None:
    """post_init: a row loaded while a reader page renders is shown by it."""
    current = _recording.get()
    if current is None or instance.pk is None:
        return
    summary = _summarised.get()
    if summary is not None and isinstance(instance, summary[1]):
        return  # shown through the summary's key (recorded when it began), or elsewhere
    current.update(keys_shown(instance))


# --- Writing -------------------------------------------------------------------------------

_batch: contextvars.ContextVar[dict[bool, set[str]] | None] = contextvars.ContextVar(
    "freshness_batch", default=None
)


def touch(keys: Iterable[str], *, hard: bool = False) -> None:
    """Stamp `keys` once the current transaction commits (at once outside one)."""
    keys = frozenset(keys)
    if not keys:
        return
    batch = _batch.get()
    if batch is not None:
        batch[hard].update(keys)
        return
    transaction.on_commit(partial(stamp, keys, hard), robust=True)


def touch_everything() -> None:
    """Every cached page and fragment is stale (restores, the demo, bulk imports)."""
    touch([ALL], hard=True)


@contextmanager
def batched() -> Iterator[None]:
    """Gather the keys touched inside (a command writing thousands of rows) and stamp
    them once, when the transaction around it commits."""
    if _batch.get() is not None:
        yield
        return
    gathered: dict[bool, set[str]] = {False: set(), True: set()}
    token = _batch.set(gathered)
    try:
        yield
    finally:
        _batch.reset(token)
    hard = gathered[True]
    touch(hard, hard=True)
    touch(gathered[False] - hard)


@contextmanager
def sparing(keys: Iterable[str]) -> Iterator[Callable[[], None]]:
    """Inside a batch, hold back `keys` when touched within, unless the caller calls the
    function it is given: for a service that knows whether the pages showing those keys
    changed (the results desk: an election page sums up its contests' outcomes, which most
    figures do not move). Keys the batch held before are left as they were."""
    batch = _batch.get()
    if batch is None:
        raise RuntimeError("sparing() needs a batch (`batched`) around it")
    keys = frozenset(keys)
    held = {key for key in keys if key in batch[False] or key in batch[True]}
    changed = []
    yield lambda: changed.append(True)
    if not changed:
        for gathered in batch.values():
            gathered -= keys - held


STAMP_ATTEMPTS = 5


def stamp(keys: Iterable[str], hard: bool) -> None:
    """Stamp after the write committed; a database busy for a moment (SQLite locked by
    another writer) is tried again rather than leaving the write unseen."""
    from newsroom.caching import edge, versions  # its model is not importable at loading

    keys = list(keys)
    for attempt in range(1, STAMP_ATTEMPTS + 1):
        try:
            versions.bump(keys, hard=hard)
            edge.purge(keys)  # the edge caches in front, if any, drop the same pages
            return
        except DatabaseError:
            if attempt == STAMP_ATTEMPTS:
                raise  # logged by on_commit(robust=True); the page lifetime bounds it
            logger.warning("Freshness keys not stamped yet (attempt %d), retrying", attempt)
            time.sleep(0.05 * attempt)


def changed(sender, instance: models.Model, **kwargs) -> None:
    """post_save/post_delete: the row's keys are touched (no domain logic here)."""
    if kwargs.get("raw"):
        return  # loaddata: the command touches everything once
    touch(keys_touched(instance), hard=is_hard(sender))


def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """m2m_changed: an article gains or loses a topic, person, contest, author or further
    reading. Forward, the article and the listings of the rows linked or unlinked (the
    article enters or leaves them; its other listings do not change); reverse
    (from the topic's side), the topic's listing and the articles."""
    if not action.startswith("post_"):
        return
    pks = pk_set or ()
    if reverse:
        keys = {listing(instance, instance.pk), *(key(model, pk) for pk in pks)}
        touch(keys, hard=is_hard(model))
    else:
        keys = set(keys_shown(instance))
        if model is not type(instance):  # further reading lists nothing under its target
            keys.update(listing(model, pk) for pk in pks)
        touch(keys, hard=is_hard(type(instance)))
