"""The kept-article index of a run in Redis (``NEWS_REDIS_URL``): ``KeptArticles`` shared by every process
of the run, so two processes that write the same article (two URLs of one story, one wire story on two
sites) keep it once.

``check_and_keep`` is one Lua script: the URL, content and near-duplicate checks of
``crawler.crawl.keptindex.DuplicateIndex`` and the keeping run atomically in Redis. Each call carries a
random token; a call retried after a lost connection (``crawler.crawl.state.redisconn``) that had
already kept its article finds its own token and answers "kept", not "duplicate of itself".

Keys (``K`` is ``<prefix>:run:<run id>:kept``), all expiring ``KEPT_TTL`` after the last keep (a killed
run's index does not stay forever): ``K:seq`` counter; ``K:kept`` id -> ``url_key NUL url``; ``K:sig`` id
-> low 32 bits of the MinHash signature; ``K:urls`` URL identity -> id; ``K:hashes`` content key -> id;
``K:bands`` LSH band key -> comma-separated ids; ``K:tokens`` call token -> id; ``K:owner`` id -> the
worker that keeps it (``written:<worker>`` once that worker wrote it); ``K:claims`` frontier lease -> id.

Workers of a shared run (``crawler.crawl.frontier``): a page is kept under the lease it was fetched with
(its claim). Fetched again under the same lease (the lease expired: its first worker was killed, or too
slow), it is a duplicate while its keeper lives or wrote it; when the keeper is dead without having
written it, the new worker takes it over and writes it. A killed worker restarted on its output file
keeps the records it wrote that nobody took over and cuts those another worker took
(``reclaim``), so a kill at any point neither loses nor doubles a record.
"""
from __future__ import annotations

import secrets
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import redis

from crawler.crawl.keptindex import KeptIndexError, band_keys
from crawler.crawl.minhash import signature
from crawler.crawl.state.redisconn import LUA_NOW_MS, RedisConnection, RedisUnavailable
from crawler.crawl.urlkeys import url_key

if TYPE_CHECKING:
    from crawler.items import Article

KEPT_TTL = 2 * 24 * 3600
BATCH = 500
_NAMES = ("seq", "kept", "sig", "urls", "hashes", "bands", "tokens", "owner", "claims")
_ALIVE = LUA_NOW_MS + """
local function alive(workers, name)
  local expiry = name and redis.call('HGET', workers, name)
  return expiry and tonumber(expiry) > now_ms()
end
"""
# KEYS: _NAMES, the run's workers (membership); ARGV: mode ('find': check only, 'check': check and keep,
# 'keep': keep only), token, own key, url, ttl, content key, threshold, low signature (or ''), band count,
# claim (or ''), worker, band keys..., URL keys...
_CHECK_AND_KEEP = _ALIVE + """
local seq, kept, sig, urls, hashes, bands, tokens, owner, claims, workers = unpack(KEYS)
local mode, token, own, url, ttl, ckey, threshold, low = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8]
local nbands, claim, me = tonumber(ARGV[9]), ARGV[10], ARGV[11]
local function entry(id)
  local value = redis.call('HGET', kept, id)
  local sep = string.find(value, '\\0', 1, true)
  return string.sub(value, 1, sep - 1), string.sub(value, sep + 1)
end
if mode ~= 'keep' then
  if token ~= '' and redis.call('HEXISTS', tokens, token) == 1 then return {} end
  if claim ~= '' then
    local id = redis.call('HGET', claims, claim)
    if id then
      local holder = redis.call('HGET', owner, id)
      if holder == me then return {} end
      if not holder or string.sub(holder, 1, 8) == 'written:' or alive(workers, holder) then
        local _, found = entry(id) return {'url', found}
      end
      redis.call('HSET', owner, id, me)
      return {}
    end
  end
  for i = 12 + nbands, #ARGV do
    local id = redis.call('HGET', urls, ARGV[i])
    if id then local _, found = entry(id) return {'url', found} end
  end
  if ckey ~= '' then
    local id = redis.call('HGET', hashes, ckey)
    if id then
      local key, found = entry(id)
      if key ~= own then return {'content', found} end
    end
  end
  if low ~= '' then
    local seen, ids = {}, {}
    for i = 12, 11 + nbands do
      local list = redis.call('HGET', bands, ARGV[i])
      if list then
        for id in string.gmatch(list, '[^,]+') do
          if not seen[id] then seen[id] = true table.insert(ids, tonumber(id)) end
        end
      end
    end
    table.sort(ids)
    for _, id in ipairs(ids) do
      local other = redis.call('HGET', sig, id)
      if other and #other == #low then
        local equal = 0
        for p = 1, #low, 4 do
          if string.sub(low, p, p + 3) == string.sub(other, p, p + 3) then equal = equal + 1 end
        end
        if equal / (#low / 4) >= threshold then
          local key, found = entry(id)
          if key ~= own then return {'near', found} end
          break
        end
      end
    end
  end
  if mode == 'find' then return {} end
end
local id = redis.call('INCR', seq)
redis.call('HSET', kept, id, own .. '\\0' .. url)
for i = 12 + nbands, #ARGV do redis.call('HSETNX', urls, ARGV[i], id) end
if me ~= '' then redis.call('HSET', owner, id, me) end
if claim ~= '' then redis.call('HSET', claims, claim, id) end
if ckey ~= '' then redis.call('HSETNX', hashes, ckey, id) end
if low ~= '' then
  redis.call('HSET', sig, id, low)
  for i = 12, 11 + nbands do
    local list = redis.call('HGET', bands, ARGV[i])
    redis.call('HSET', bands, ARGV[i], list and (list .. ',' .. id) or id)
  end
end
if token ~= '' then redis.call('HSET', tokens, token, id) end
for i = 1, #KEYS - 1 do redis.call('EXPIRE', KEYS[i], ttl) end
return {}
"""
# KEYS: _NAMES, workers; ARGV: URL key, worker: the record of that URL is written by ``worker``
_CONFIRM = """
local id = redis.call('HGET', KEYS[4], ARGV[1])
if id then redis.call('HSET', KEYS[8], id, 'written:' .. ARGV[2]) end
return id and 1 or 0
"""
# KEYS: _NAMES, workers; ARGV: URL key, the dead worker whose output holds the record, this worker.
# 1: the record stays (and is this worker's now); 0: another worker took it over (cut it).
_RECLAIM = _ALIVE + """
local owner, workers = KEYS[8], KEYS[10]
local id = redis.call('HGET', KEYS[4], ARGV[1])
if not id then return 1 end
local holder = redis.call('HGET', owner, id)
local mine = (not holder) or holder == ARGV[2] or holder == 'written:' .. ARGV[2] or holder == ARGV[3]
  or holder == 'written:' .. ARGV[3]
if not mine and (string.sub(holder, 1, 8) == 'written:' or alive(workers, holder)) then return 0 end
redis.call('HSET', owner, id, 'written:' .. ARGV[3])
return 1
"""


def _low(sig: array) -> bytes:
    return array("I", [value & 0xFFFFFFFF for value in sig]).tobytes()


class RedisKeptArticles:
    """``KeptArticles`` of one run (``run_id``) in Redis; ``threshold`` as ``DuplicateIndex``'s."""

    def __init__(
        self, connection: RedisConnection, run_id: str, threshold: float, worker: str = "", workers_key: str = ""
    ) -> None:
        self.connection = connection
        self.threshold = threshold
        self.worker = worker
        """This worker's name in a shared run ('': claims are not used)."""
        self.keys = [connection.key("run", run_id, "kept", name) for name in _NAMES]
        self.keys.append(workers_key or connection.key("crawl", "workers"))
        self._script = connection.client.register_script(_CHECK_AND_KEEP)
        self._confirm = connection.client.register_script(_CONFIRM)
        self._reclaim = connection.client.register_script(_RECLAIM)
        self._batch: list[list[Any]] | None = None

    def _args(
        self, mode: str, url: str, content_hash: str | None, sig: array | None, urls: list[str], claim: str | None = None
    ) -> list[Any]:
        near = sig if self.threshold < 1.0 else None
        bands = [str(key) for key in band_keys(near)] if near is not None else []
        return [
            mode, secrets.token_hex(8) if mode == "check" else "", url_key(url), url, KEPT_TTL,
            content_hash[:16] if content_hash else "", repr(self.threshold), _low(near) if near is not None else "",
            len(bands), (claim or "") if self.worker else "", self.worker if mode != "find" else "",
            *bands, *dict.fromkeys(url_key(each) for each in urls),
        ]

    def _run(self, what: str, args: list[Any]) -> tuple[str, str] | None:
        result = self.connection.call(what, lambda r: self._script(keys=self.keys, args=args, client=r))
        return (result[0].decode("utf-8"), result[1].decode("utf-8")) if result else None

    def _checked(
        self, mode: str, article: Article, sig: array | None, claim: str | None = None
    ) -> tuple[str, str] | None:
        if not (self.threshold < 1.0 and article.text):
            sig = None
        elif sig is None:
            sig = signature(article.text)
        urls = [u for u in (article.canonical_url, article.url) if u]
        url = article.canonical_url or article.url or ""
        return self._run(mode, self._args(mode, url, article.content_hash, sig, urls, claim))

    def find(self, article: Article, sig: array | None = None) -> tuple[str, str] | None:
        """Like ``DuplicateIndex.find``; ``check_and_keep`` is the one atomic with keeping."""
        return self._checked("find", article, sig)

    def check_and_keep(
        self, article: Article, sig: array | None = None, claim: str | None = None
    ) -> tuple[str, str] | None:
        """``claim``: the frontier lease the page was fetched under (see the module's docstring)."""
        try:
            return self._checked("check", article, sig, claim)
        except (RedisUnavailable, redis.RedisError) as exc:
            raise KeptIndexError(f"{type(exc).__name__}: {exc}") from exc

    def confirm(self, url: str) -> None:
        """The record of ``url`` (canonical or fetched) is in this worker's output: nobody takes it over."""
        if self.worker:
            self.connection.call(
                "confirm", lambda r: self._confirm(keys=self.keys, args=[url_key(url), self.worker], client=r)
            )

    def reclaim(self, url: str, writer: str) -> bool:
        """Whether a record of ``url`` that dead worker ``writer`` left unconfirmed in its output stays
        there (it becomes this worker's); False: another worker took it over, cut it from the output."""
        args = [url_key(url), writer, self.worker]
        return bool(self.connection.call("reclaim", lambda r: self._reclaim(keys=self.keys, args=args, client=r)))

    def add(self, article: Article, sig: array | None = None) -> None:
        if self.threshold < 1.0 and article.text and sig is None:
            sig = signature(article.text)
        urls = [u for u in (article.canonical_url, article.url) if u]
        self._keep(article.canonical_url or article.url or "", article.content_hash, sig if article.text else None, urls)

    def add_previous(self, canonical_url: str, content_hash: str, sig: array | None) -> None:
        if content_hash or (self.threshold < 1.0 and sig is not None):
            self._keep(canonical_url, content_hash, sig, [])

    def _keep(self, url: str, content_hash: str | None, sig: array | None, urls: list[str]) -> None:
        args = self._args("keep", url, content_hash, sig, urls)
        if self._batch is None:
            self._run("keep", args)
            return
        self._batch.append(args)
        if len(self._batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        batch, self._batch = self._batch or [], []

        def send(r: Any) -> None:
            pipe = r.pipeline(transaction=False)
            for args in batch:
                self._script(keys=self.keys, args=args, client=pipe)
            pipe.execute()

        if batch:
            self.connection.call("keep", send)

    def knows_url(self, url: str) -> bool:
        return bool(self.connection.call("knows_url", lambda r: r.hexists(self.keys[3], url_key(url))))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Keeps sent together (one round trip per ``BATCH``), at the latest when the batch ends."""
        outer = self._batch is None
        if outer:
            self._batch = []
        try:
            yield
        finally:
            if outer:
                self._flush()
                self._batch = None

    def __len__(self) -> int:
        return int(self.connection.call("len", lambda r: r.hlen(self.keys[1])))

    def close(self, run_over: bool = True) -> None:
        """Let go of the connection; drop this run's index when the run is over (its last worker)."""
        if run_over:
            self.connection.call("close", lambda r: r.delete(*self.keys[:-1]))
        self.connection.close()
