"""The web app's hold on the store: read-only for reads, a short read-write connection for writes.

DuckDB lets one process write a database file, and within a process every connection to a
file must be opened the same way. So the app keeps one read-only ``Store`` that every read
request shares (each query runs on its own cursor), and a write request waits for the reads
in flight, closes it, opens the file read-write, writes, closes, and opens it read-only
again. Reads that arrive meanwhile wait for the write to finish. While the server runs no
other process can write the file (``dyadwatch ingest`` reports it locked): upload through
``POST /api/ingest`` or stop the server first.

Answers are cached by their parameters; every write empties the cache, and since nothing
else can write the file while the server holds it, a cached answer is never stale.

Under load, many small queries at once are faster one thread each than all fighting for
DuckDB's pool: the read connection runs each query on one thread (``query_threads``), and
at most ``query_slots`` queries (default: the number of CPUs) run at once; other misses
wait their turn in order, off the event loop, instead of time-slicing 40 worker threads.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from dyadwatch.settings import setting
from dyadwatch.store import Store

T = TypeVar("T")

#: Top-N queries up to this many rows (limit + offset) sort only their keys, then fetch the
#: other columns of the rows they keep (DuckDB's late materialization; its default is 50).
LATE_MATERIALIZATION_ROWS = 20_000


class AnswerCache:
    """A bounded, thread-safe least-recently-used map from request parameters to answers."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def peek(self, key: Hashable) -> tuple[bool, Any]:
        """(True, answer) when the key is cached, else (False, None); never computes."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key]
        return False, None

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer, or compute it; concurrent requests for one key compute it once."""
        if self.size <= 0:
            return compute()
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key]  # type: ignore[no-any-return]
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Event()
                    self.misses += 1
                    break
            pending.wait()  # another request is computing it; then look again
        try:
            value = compute()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class StoreAccess:
    """Shared read-only access to the store, with exclusive, short read-write sessions."""

    def __init__(self, path: str | Path, *, cache_size: int = 256, query_threads: int | None = 1,
                 query_slots: int | None = None) -> None:
        self.path = str(path)
        self.query_threads = query_threads
        self.limiter = CapacityLimiter(query_slots or os.cpu_count() or 1)
        self.memory = self.path == ":memory:"
        self.memory_limit = setting("memory_limit") or None
        if not self.memory and not Path(self.path).exists():
            Store(self.path, memory_limit=self.memory_limit).close()  # an empty store, so uploads can fill it
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self.generation = 0
        self.cache = AnswerCache(cache_size)
        self._store = self._open_reader()

    def _open_reader(self) -> Store:
        store = Store(self.path, read_only=not self.memory, memory_limit=self.memory_limit)
        # GLOBAL: the settings must reach the cursors that the requests use.
        store.con.execute(f"SET GLOBAL late_materialization_max_rows = {LATE_MATERIALIZATION_ROWS}")
        if self.query_threads:
            store.con.execute(f"SET GLOBAL threads = {int(self.query_threads)}")
        return store

    @contextmanager
    def read(self) -> Iterator[Store]:
        """The read-only store, for the length of one request."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield self._store
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[Store]:
        """A read-write store; reads wait until it is closed. Empties the answer cache."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._writing = True
            while self._readers:
                self._cond.wait()
        try:
            if self.memory:
                yield self._store
            else:
                self._store.close()
                try:
                    with Store(self.path, memory_limit=self.memory_limit) as writer:
                        yield writer
                finally:
                    self._store = self._open_reader()
        finally:
            with self._cond:
                self.generation += 1
                self.cache.clear()
                self._writing = False
                self._cond.notify_all()

    def cached(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """An answer from the cache, or computed on the read-only store and remembered."""
        def run() -> T:
            with self.read() as store:
                return compute(store)

        return self.cache.get_or_compute((self.generation, key), run)

    async def answer(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """As :meth:`cached`, for async routes: a hit is served on the event loop, a miss in a worker
        thread once one of the ``query_slots`` is free."""
        hit, value = self.cache.peek((self.generation, key))
        if hit:
            return value  # type: ignore[no-any-return]
        return await anyio.to_thread.run_sync(self.cached, key, compute, limiter=self.limiter)

    def close(self) -> None:
        self._store.close()
