"""The read-replica router: reads to the replica, writes and read-after-write to the
primary."""

import pytest
from django.db import connections

from newsroom import db_router
from newsroom.articles.models import Article


@pytest.fixture
def router():
    db_router.unpin()
    yield db_router.PrimaryReplicaRouter()
    db_router.unpin()


def test_reads_go_to_the_replica(router):
    assert router.db_for_read(Article) == "replica"


def test_writes_go_to_the_primary(router):
    assert router.db_for_write(Article) == "default"


def test_reads_after_a_write_stay_on_the_primary_until_the_request_ends(router):
    router.db_for_write(Article)
    assert router.db_for_read(Article) == "default"
    db_router.unpin()  # what request_started / request_finished do
    assert router.db_for_read(Article) == "replica"


def test_a_new_request_starts_unpinned(router, client, db):
    router.db_for_write(Article)
    client.get("/healthz")
    assert not db_router.is_pinned()


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(router):
    # pytest-django wraps this test in a transaction on the primary.
    assert connections["default"].in_atomic_block
    assert router.db_for_read(Article) == "default"


def test_migrations_run_on_the_primary_only(router):
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")
