"""The crawl state in Redis (``NEWS_REDIS_URL``): the same ``StateBackend`` as the SQLite store, shared by
every crawl process that names the same Redis and prefix (``NEWS_REDIS_PREFIX``).

Keys (``P`` is ``<prefix>:state``; article and page keys are ``crawler.crawl.urlkeys.url_key``):

* ``P:a:<key>`` hash: an article (canonical_url, content_hash, page_hash, version, first_seen,
  last_seen, source, signature); ``P:articles`` set: every article key; ``P:content`` hash:
  content hash -> article key;
* ``P:p:<key>`` hash: a fetched page (url, article, etag, last_modified, last_fetched);
* ``P:v:<url>`` hash: a feed's or sitemap's validators (kind, etag, last_modified, last_fetched);
* ``P:sites`` hash: site -> pages seen; ``P:sl:<site>`` hash: line key -> pages it was on (added to by
  every worker: ``P:sltok:<token>`` marks an addition done, so a retried one is not counted twice);
* ``P:out`` hash: ``<host>\\t<output path>`` -> committed offset; ``P:outrun``: the same -> run id;
  ``P:outworker``: the same -> the worker of a shared run writing it (``crawler.crawl.frontier``);
* ``P:runs`` hash: run id -> JSON (started, finished, finish_reason, summary).

Every write is idempotent (an upsert whose result does not depend on how often it runs), and the
multi-key ones are one Lua script (atomic), so an operation retried after a lost connection
(``crawler.crawl.state.redisconn``) leaves the same state. Writes are sent at once: ``commit()`` has
nothing to do (``pending`` counts writes for ``StateRun``'s batching). Durability is Redis's own: run it
with ``appendonly yes`` (docs/scale-out.md). A standalone Redis: the scripts derive some key names.
"""
from __future__ import annotations

import datetime as dt
import json
import secrets
import socket
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from crawler.crawl.state.backend import KnownArticle, SiteLinesRow, SourceRun, Validators, utc_now
from crawler.crawl.state.journal import SharedRunWorkers, cut_records, unjournaled
from crawler.crawl.state.redisconn import RedisConnection
from crawler.crawl.urlkeys import url_key

_PAGE = """
local function page(pkey, url, article, given, etag, last_modified, when)
  redis.call('HSET', pkey, 'url', url, 'last_fetched', when)
  if article ~= '' then redis.call('HSET', pkey, 'article', article) end
  if given == '1' then
    for field, value in pairs({etag = etag, last_modified = last_modified}) do
      if value ~= '' then redis.call('HSET', pkey, field, value) else redis.call('HDEL', pkey, field) end
    end
  end
end
"""
_RECORD_PAGE = _PAGE + "page(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])"
# KEYS: article, articles set, content index, page keys...; ARGV: key, canonical, content hash, page hash,
# version, first_seen, now, source, signature, validators given, etag, last_modified, page urls...
_RECORD_ARTICLE = _PAGE + """
local old = redis.call('HMGET', KEYS[1], 'version', 'first_seen', 'content_hash')
local version = tonumber(ARGV[5])
if old[1] and tonumber(old[1]) > version then version = tonumber(old[1]) end
local first = ARGV[6]
if old[2] and old[2] < first then first = old[2] end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'page_hash', ARGV[4])
elseif old[3] ~= ARGV[3] then redis.call('HDEL', KEYS[1], 'page_hash') end
redis.call('HSET', KEYS[1], 'canonical_url', ARGV[2], 'content_hash', ARGV[3], 'version', version,
           'first_seen', first, 'last_seen', ARGV[7])
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'source', ARGV[8]) end
if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'signature', ARGV[9]) end
redis.call('SADD', KEYS[2], ARGV[1])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[3], ARGV[1]) end
for i = 4, #KEYS do
  local first_page = i == 4
  page(KEYS[i], ARGV[9 + i], ARGV[1], first_page and ARGV[10] or '0', ARGV[11], ARGV[12], ARGV[7])
end
"""
# KEYS: page; ARGV: when, article key prefix
_TOUCH = """
if redis.call('EXISTS', KEYS[1]) == 0 then return end
redis.call('HSET', KEYS[1], 'last_fetched', ARGV[1])
local article = redis.call('HGET', KEYS[1], 'article')
if article then
  local akey = ARGV[2] .. article
  if redis.call('EXISTS', akey) == 1 then redis.call('HSET', akey, 'last_seen', ARGV[1]) end
end
"""
# KEYS: sites, the site's lines, this addition's token; ARGV: site, scale, pages added, (line key, pages added)...
_ADD_LINES = """
if not redis.call('SET', KEYS[3], 1, 'NX', 'EX', 86400) then return 0 end
local scale = tonumber(ARGV[2])
if scale ~= 1 then
  local lines = redis.call('HGETALL', KEYS[2])
  for i = 1, #lines, 2 do redis.call('HSET', KEYS[2], lines[i], tostring(tonumber(lines[i + 1]) * scale)) end
  local pages = redis.call('HGET', KEYS[1], ARGV[1])
  if pages then redis.call('HSET', KEYS[1], ARGV[1], tostring(tonumber(pages) * scale)) end
end
redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1], ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HINCRBYFLOAT', KEYS[2], ARGV[i], ARGV[i + 1]) end
local lines = redis.call('HGETALL', KEYS[2])
for i = 1, #lines, 2 do if tonumber(lines[i + 1]) < 2 then redis.call('HDEL', KEYS[2], lines[i]) end end
return 1
"""
_ARTICLE_FIELDS = ("canonical_url", "content_hash", "version", "first_seen", "last_seen", "page_hash")


def _text(value: bytes | None) -> str | None:
    return value.decode("utf-8") if value is not None else None


class RedisStateStore:
    """The Redis ``StateBackend`` (see the module docstring for its keys)."""

    def __init__(self, connection: RedisConnection, workers: SharedRunWorkers | None = None) -> None:
        self.connection = connection
        self.workers = workers
        """With workers of a shared run: whose outputs to reconcile, and which records stay in them."""
        self.pending = 0
        self.host = socket.gethostname()
        """Output files are local to a machine: each reconciles its own."""
        client = connection.client
        self._record_article = client.register_script(_RECORD_ARTICLE)
        self._record_page = client.register_script(_RECORD_PAGE)
        self._touch = client.register_script(_TOUCH)
        self._add_lines = client.register_script(_ADD_LINES)

    def _key(self, *parts: str) -> str:
        return self.connection.key("state", *parts)

    def commit(self) -> None:
        self.pending = 0

    def close(self) -> None:
        self.commit()
        self.connection.close()

    # --- articles and pages -----------------------------------------------------------------------

    def find_article(self, *urls: str | None) -> KnownArticle | None:
        for key in [url_key(url) for url in urls if url]:
            found = self._article(key)
            if found is None:
                owner = self.connection.call("find_article", lambda r, k=key: r.hget(self._key("p", k), "article"))
                found = self._article(owner.decode("utf-8")) if owner else None
            if found is not None:
                return found
        return None

    def _article(self, key: str) -> KnownArticle | None:
        values = self.connection.call("find_article", lambda r: r.hmget(self._key("a", key), _ARTICLE_FIELDS))
        canonical, content_hash, version, first_seen, last_seen, page_hash = (_text(v) for v in values)
        if canonical is None or version is None:
            return None
        return KnownArticle(
            key, canonical, content_hash or "", int(version), first_seen or "", last_seen or "", page_hash
        )

    def find_content(self, content_hash: str) -> str | None:
        owner = self.connection.call("find_content", lambda r: r.hget(self._key("content"), content_hash))
        found = self._article(owner.decode("utf-8")) if owner else None
        return found.canonical_url if found is not None and found.content_hash == content_hash else None

    def iter_signatures(self) -> Iterator[tuple[str, str, array | None]]:
        cursor = 0
        while True:  # SSCAN step by step: each step retried alone, the keys never all in memory
            cursor, keys = self.connection.call(
                "iter_signatures", lambda r, c=cursor: r.sscan(self._key("articles"), c, count=500)
            )

            def read(r: Any, keys: list[bytes] = keys) -> list[Any]:
                pipe = r.pipeline(transaction=False)
                for key in keys:
                    pipe.hmget(self._key("a", key.decode("utf-8")), ("canonical_url", "content_hash", "signature"))
                return pipe.execute()

            for canonical, content_hash, blob in self.connection.call("iter_signatures", read) if keys else ():
                if canonical is None:
                    continue
                signature = None
                if blob:
                    signature = array("Q")
                    signature.frombytes(blob)
                yield canonical.decode("utf-8"), _text(content_hash) or "", signature
            if not cursor:
                return

    def record_article(
        self,
        record: Mapping[str, Any],
        *,
        fetched_urls: Iterable[str | None] = (),
        etag: str | None = None,
        last_modified: str | None = None,
        source: str | None = None,
        signature: array | None = None,
        page_hash: str | None = None,
    ) -> str:
        canonical = record.get("canonical_url") or record.get("url") or ""
        key = url_key(canonical)
        now = record.get("last_seen") or utc_now()
        urls = list(dict.fromkeys(u for u in [record.get("url"), *fetched_urls] if u))
        keys = [self._key("a", key), self._key("articles"), self._key("content")]
        keys += [self._key("p", url_key(url)) for url in urls]
        args = [
            key, canonical, record.get("content_hash") or "", page_hash or "", int(record.get("version") or 1),
            record.get("first_seen") or now, now, source or "", signature.tobytes() if signature is not None else b"",
            "1" if etag or last_modified else "0", etag or "", last_modified or "", *urls,
        ]
        self.connection.call("record_article", lambda r: self._record_article(keys=keys, args=args, client=r))
        self.pending += 1
        return key

    def record_page(
        self, url: str, article: str | None, etag: str | None, last_modified: str | None, when: str | None = None
    ) -> None:
        args = [url, article or "", "1" if etag or last_modified else "0", etag or "", last_modified or "", when or utc_now()]
        keys = [self._key("p", url_key(url))]
        self.connection.call("record_page", lambda r: self._record_page(keys=keys, args=args, client=r))
        self.pending += 1

    def touch(self, url: str, when: str | None = None) -> None:
        keys, args = [self._key("p", url_key(url))], [when or utc_now(), self._key("a", "")]
        self.connection.call("touch", lambda r: self._touch(keys=keys, args=args, client=r))
        self.pending += 1

    def last_fetched(self, url: str) -> dt.datetime | None:
        article, when = self.connection.call(
            "last_fetched", lambda r: r.hmget(self._key("p", url_key(url)), ("article", "last_fetched"))
        )
        return dt.datetime.fromisoformat(when.decode("utf-8")) if article and when else None

    # --- validators -------------------------------------------------------------------------------

    def page_validators(self, url: str) -> Validators | None:
        fields = ("etag", "last_modified", "last_fetched")

        def read(r: Any) -> list[Any]:
            pipe = r.pipeline(transaction=False)
            pipe.hmget(self._key("p", url_key(url)), fields)
            pipe.hmget(self._key("v", url), fields)
            return pipe.execute()

        for etag, last_modified, last_fetched in self.connection.call("page_validators", read):
            if last_fetched is not None:
                return Validators(_text(etag), _text(last_modified), last_fetched.decode("utf-8"))
        return None

    def set_validators(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        values = {"kind": kind, "last_fetched": utc_now()}
        values.update({name: value for name, value in (("etag", etag), ("last_modified", last_modified)) if value})

        def write(r: Any) -> None:
            pipe = r.pipeline(transaction=True)
            pipe.delete(self._key("v", url))
            pipe.hset(self._key("v", url), mapping=values)
            pipe.execute()

        self.connection.call("set_validators", write)
        self.pending += 1

    def forget_validators(self, url: str) -> None:
        self.connection.call("forget_validators", lambda r: r.delete(self._key("v", url)))
        self.pending += 1

    # --- site boilerplate -------------------------------------------------------------------------

    def load_site_lines(self, site: str) -> tuple[float, dict[int, float]] | None:
        def read(r: Any) -> list[Any]:
            pipe = r.pipeline(transaction=False)
            pipe.hget(self._key("sites"), site)
            pipe.hgetall(self._key("sl", site))
            return pipe.execute()

        pages, lines = self.connection.call("load_site_lines", read)
        if pages is None:
            return None
        return float(pages), {int(line): float(count) for line, count in lines.items()}

    def add_site_lines(self, sites: Iterable[SiteLinesRow]) -> None:
        for site, scale, pages, lines in sites:
            args = [site, repr(float(scale)), repr(float(pages))]
            args += [part for key, count in lines.items() for part in (str(key), repr(float(count)))]
            keys = [self._key("sites"), self._key("sl", site), self._key("sltok", secrets.token_hex(8))]
            self.connection.call("add_site_lines", lambda r, keys=keys, args=args: self._add_lines(keys=keys, args=args, client=r))

    # --- output journal and runs ------------------------------------------------------------------

    def _output(self, path: Path) -> str:
        return f"{self.host}\t{path.resolve()}"

    def register_output(self, path: Path, run_id: str, offset: int | None = None) -> None:
        size = offset if offset is not None else path.stat().st_size if path.is_file() else 0
        name = self._output(path)

        def write(r: Any) -> None:
            pipe = r.pipeline(transaction=True)
            pipe.hset(self._key("out"), name, size)
            pipe.hset(self._key("outrun"), name, run_id)
            if self.workers is not None:
                pipe.hset(self._key("outworker"), name, self.workers.me)
            pipe.execute()

        self.connection.call("register_output", write)
        self.pending += 1

    def has_output(self, path: Path) -> bool:
        name = self._output(path)
        return bool(self.connection.call("has_output", lambda r: r.hexists(self._key("out"), name)))

    def output_committed(self, path: Path, offset: int) -> None:
        name = self._output(path)
        self.connection.call("output_committed", lambda r: r.hset(self._key("out"), name, offset))
        self.pending += 1

    def reconcile(self) -> int:
        """Take in the records written to this machine's outputs after their committed offset (a killed
        process's). In a shared run, only outputs whose worker is gone, and a record another worker took
        over meanwhile is cut from the output instead (``SharedRunWorkers.keeps``)."""
        outputs = self.connection.call("reconcile", lambda r: r.hgetall(self._key("out")))
        writers = self.connection.call("reconcile", lambda r: r.hgetall(self._key("outworker")))
        taken = 0
        for name, committed in outputs.items():
            host, _, path_text = name.decode("utf-8").partition("\t")
            writer = (writers.get(name) or b"").decode("utf-8")
            if host != self.host or (self.workers is not None and writer and self.workers.busy(writer)):
                continue
            path = Path(path_text)
            tail = unjournaled(path, int(committed))
            if tail is None or tail[1] == int(committed):
                continue
            records, end = tail
            if self.workers is not None and writer:
                staying = [record for record in records if self.workers.keeps(record, writer)]
                if len(staying) < len(records):
                    end = cut_records(path, int(committed), end, staying)
                records = staying
            for record in records:
                self.record_article(record)
                taken += 1
            self.output_committed(path, end)
        return taken

    def start_run(self, run_id: str) -> None:
        run = json.dumps({"started": utc_now()})  # the first worker of a shared run starts it
        self.connection.call("start_run", lambda r: r.hsetnx(self._key("runs"), run_id, run))

    def finish_run(self, run_id: str, reason: str, summary: dict[str, Any] | None = None) -> None:
        def write(r: Any) -> None:
            known = r.hget(self._key("runs"), run_id)
            run = json.loads(known) if known else {"started": None}
            run.update(finished=utc_now(), finish_reason=reason, summary=summary)
            r.hset(self._key("runs"), run_id, json.dumps(run, sort_keys=True))

        self.connection.call("finish_run", write)

    # --- per-source health history (crawler.crawl.health) ------------------------------------------
    # A list of run ids per source (newest first) and a hash of their JSON rows; a set of the sources.

    def record_source_run(self, run: SourceRun) -> None:
        row = json.dumps(
            {"run_id": run.run_id, "source": run.source, "finished": run.finished, "finish_reason": run.finish_reason,
             "metrics": run.metrics, "health": run.health, "files": run.files},
            sort_keys=True,
        )
        order, rows = self._key("sr", run.source), self._key("srrow", run.source)

        def write(r: Any) -> None:
            pipe = r.pipeline(transaction=True)
            pipe.lrem(order, 0, run.run_id)  # a run recorded again moves to the front, once
            pipe.lpush(order, run.run_id)
            pipe.hset(rows, run.run_id, row)
            pipe.sadd(self._key("srsources"), run.source)
            pipe.execute()

        self.connection.call("record_source_run", write)
        self.pending += 1

    def source_runs(self, source: str, limit: int) -> list[SourceRun]:
        if limit <= 0:
            return []

        def read(r: Any) -> list[bytes | None]:
            run_ids = r.lrange(self._key("sr", source), 0, limit - 1)
            return r.hmget(self._key("srrow", source), run_ids) if run_ids else []

        rows = [json.loads(row) for row in self.connection.call("source_runs", read) if row]
        return [SourceRun(**row) for row in rows]

    def health_sources(self) -> list[str]:
        found = self.connection.call("health_sources", lambda r: r.smembers(self._key("srsources")))
        return sorted(name.decode("utf-8") for name in found)

    def runs(self) -> dict[str, dict[str, Any]]:
        """Every run this state knows, by id (for the run summary and tests)."""
        found = self.connection.call("runs", lambda r: r.hgetall(self._key("runs")))
        return {run_id.decode("utf-8"): json.loads(value) for run_id, value in found.items()}
