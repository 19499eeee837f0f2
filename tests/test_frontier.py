"""The parts of a run shared over Redis, each against a real ``redis-server``: the leased frontier queue,
the run membership and the kept index's claims (the whole crawl: tests/test_scale_out.py)."""
from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from scrapy import Request, Spider

from crawler.crawl.frontier.membership import RunMembership
from crawler.crawl.frontier.queue import LeasedQueue
from crawler.crawl.frontier.summaries import merge_summaries
from crawler.crawl.redis_kept import RedisKeptArticles
from crawler.crawl.state.redisconn import RedisConnection
from crawler.items import Article
from tests.redisserver import RedisServer, redis_server_or_skip


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = redis_server_or_skip(tmp_path_factory.mktemp("redis"))
    yield server
    server.kill()


@pytest.fixture
def queue(redis_server: RedisServer) -> Iterator[LeasedQueue]:
    client = redis.Redis.from_url(redis_server.url)
    leased = LeasedQueue(client, Spider("news"), f"test-{uuid.uuid4().hex[:8]}:frontier:run", max_tries=2)
    yield leased
    leased.clear()
    client.close()


def urls(*popped: tuple[str, Request] | None) -> list[str | None]:
    return [item[1].url if item else None for item in popped]


def test_a_popped_request_stays_leased_until_its_worker_acks_it(queue: LeasedQueue) -> None:
    queue.push(Request("http://127.0.0.1/low", priority=0))
    queue.push(Request("http://127.0.0.1/high", priority=5))
    first = queue.pop("a", lease=60)
    assert urls(first) == ["http://127.0.0.1/high"]  # the higher priority first
    assert queue.status() == {"pending": 1, "leased": 1, "delayed": 0, "given_up": 0}
    assert first is not None
    queue.ack(first[0])
    assert queue.status()["leased"] == 0
    second = queue.pop("b", lease=60)
    assert urls(second, queue.pop("b", lease=60)) == ["http://127.0.0.1/low", None]


def test_an_expired_lease_goes_to_the_next_worker_and_is_given_up_after_max_tries(queue: LeasedQueue) -> None:
    queue.push(Request("http://127.0.0.1/page"))
    assert urls(queue.pop("killed", lease=0.05)) == ["http://127.0.0.1/page"]
    assert queue.pop("b", lease=60) is None or pytest.fail("taken again before its lease expired")
    time.sleep(0.1)
    again = queue.pop("b", lease=0.05)  # the dead worker's request: fetched again, never lost
    assert urls(again) == ["http://127.0.0.1/page"]
    time.sleep(0.1)
    assert queue.pop("c", lease=60) is None  # its lease expired twice (max_tries): given up
    assert queue.status() == {"pending": 0, "leased": 0, "delayed": 0, "given_up": 1}


def test_a_follow_up_is_pushed_and_its_lease_acked_in_one_step(queue: LeasedQueue) -> None:
    queue.push(Request("http://127.0.0.1/old"))
    popped = queue.pop("a", lease=60)
    assert popped is not None
    queue.push(Request("http://127.0.0.1/new"), ack=popped[0])  # a redirect: the lease ends with the push
    assert queue.status() == {"pending": 1, "leased": 0, "delayed": 0, "given_up": 0}


def test_delayed_requests_wait_and_a_dead_workers_leases_come_back_at_once(queue: LeasedQueue) -> None:
    queue.push(Request("http://127.0.0.1/later"), delay=0.3)
    assert queue.pop("a", lease=60) is None and queue.status()["delayed"] == 1
    time.sleep(0.35)
    later = queue.pop("a", lease=60)
    assert urls(later) == ["http://127.0.0.1/later"]
    assert queue.release(["b"]) == 0  # not b's
    assert queue.release(["a"]) == 1  # a was found dead: its lease goes back without waiting
    again = queue.pop("b", lease=60)
    assert urls(again) == ["http://127.0.0.1/later"]
    assert again is not None and queue.give_back("b", [again[0]]) == 1  # a worker closing hands it back
    assert queue.status()["pending"] == 1


def test_renewed_leases_do_not_expire(queue: LeasedQueue) -> None:
    queue.push(Request("http://127.0.0.1/slow"))
    popped = queue.pop("a", lease=0.2)
    assert popped is not None
    for _ in range(3):
        time.sleep(0.1)
        assert queue.renew("a", 0.2, [popped[0]]) == 1
    assert queue.pop("b", lease=60) is None  # still a's
    assert queue.renew("b", 0.2, [popped[0]]) == 0  # only the holder renews


def connection(server: RedisServer, prefix: str) -> RedisConnection:
    return RedisConnection(server.url, prefix)


def test_the_first_worker_seeds_the_run_the_next_joins_and_the_last_one_out_ends_it(redis_server: RedisServer) -> None:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    first = RunMembership(connection(redis_server, prefix), worker="host-1-aaaa").join("run-1")
    second = RunMembership(connection(redis_server, prefix), worker="host-2-bbbb").join("run-2")
    try:
        assert (first.how, first.seeds, second.how, second.seeds) == ("new", True, "joined", False)
        assert second.run_id == "run-1"  # the run in progress, not the one it proposed
        assert first.alive("host-1-aaaa", "host-2-bbbb", "host-3-cccc") == [True, True, False]
        assert first.leave({"articles": 2}, finished=True) is None  # the other one still works
        everyone = second.leave({"articles": 3}, finished=True)
        assert everyone == {"host-1-aaaa": {"articles": 2}, "host-2-bbbb": {"articles": 3}}
        third = RunMembership(connection(redis_server, prefix), worker="host-3-cccc").join("run-3")
        assert (third.run_id, third.how) == ("run-3", "new")  # the run ended: the next one is new
        third.stop_heartbeat()
    finally:
        first.stop_heartbeat()
        second.stop_heartbeat()


def test_a_run_whose_workers_all_died_is_resumed_and_seeded_again(redis_server: RedisServer) -> None:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    gone = RunMembership(connection(redis_server, prefix), ttl=0.3, worker="host-1-aaaa").join("run-1")
    gone.stop_heartbeat()  # as if killed: its heartbeat stops
    time.sleep(0.4)
    back = RunMembership(connection(redis_server, prefix), worker="host-2-bbbb").join("run-2")
    back.stop_heartbeat()
    assert (back.run_id, back.how, back.seeds) == ("run-1", "resumed", True)


def test_the_merged_summary_sums_counts_once_per_worker() -> None:
    own = {"worker": "a", "articles": 2, "duration": 5.0, "sources": {"s": {"pages": 4, "failed": False}}}
    other = {"worker": "b", "articles": 3, "duration": 7.5, "sources": {"s": {"pages": 1, "failed": True}}}
    merged = merge_summaries(own, {"a": dict(own), "b": other})
    assert (merged["articles"], merged["duration"], merged["sources"]["s"]) == (5, 7.5, {"pages": 5, "failed": False})
    assert sorted(merged["workers"]) == ["a", "b"] and merged["run_complete"] is True


def story(url: str) -> Article:
    text = " ".join(f"{word}{uuid.uuid4().hex[:6]}" for word in ("council", "bridge", "vote", "plan") * 20)
    return Article(url=url, canonical_url=url, text=text, content_hash=uuid.uuid4().hex * 2)


def test_a_page_fetched_again_under_its_lease_is_taken_over_only_from_a_dead_keeper(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    alive = RunMembership(connection(redis_server, prefix), worker="host-1-aaaa").join("run-1")
    try:
        def kept_by(worker: str) -> RedisKeptArticles:
            conn = connection(redis_server, prefix)
            return RedisKeptArticles(conn, "run-1", 0.8, worker, conn.key("crawl", "workers"))

        keeper, other, late = kept_by("host-1-aaaa"), kept_by("host-9-dead"), kept_by("host-2-bbbb")
        assert keeper.check_and_keep(story("http://127.0.0.1/a"), claim="lease-1") is None
        # the same lease fetched again by another worker while the keeper lives: a duplicate
        assert late.check_and_keep(story("http://127.0.0.1/a"), claim="lease-1") == ("url", "http://127.0.0.1/a")
        # a keeper that is not a live worker (killed before writing): the page is taken over
        assert other.check_and_keep(story("http://127.0.0.1/b"), claim="lease-2") is None
        assert late.check_and_keep(story("http://127.0.0.1/b"), claim="lease-2") is None
        late.confirm("http://127.0.0.1/b")
        restarted = kept_by("host-9-new")  # the killed worker, started again on its output file
        assert not restarted.reclaim("http://127.0.0.1/b", "host-9-dead")  # taken over: its copy is cut
        assert other.check_and_keep(story("http://127.0.0.1/d"), claim="lease-4") is None  # written, not confirmed
        assert restarted.reclaim("http://127.0.0.1/d", "host-9-dead")  # nobody else wrote it: it stays
        # once written (confirmed), nobody takes it over
        assert keeper.check_and_keep(story("http://127.0.0.1/c"), claim="lease-3") is None
        keeper.confirm("http://127.0.0.1/c")
        alive.stop_heartbeat()
        alive.leave({}, finished=False)  # the keeper is gone now, but it wrote the page
        assert late.check_and_keep(story("http://127.0.0.1/c"), claim="lease-3") == ("url", "http://127.0.0.1/c")
        for index in (keeper, other, late, restarted):
            index.close(run_over=False)
    finally:
        alive.stop_heartbeat()
