"""Where the stage functions run: in the build's own process, in a local process pool, or on Dask.

Each executor maps a stage function over chunks of inputs and hands the results back **in input order**,
with a bounded number of chunks in flight, so that memory does not grow with the corpus and the store is
written in the same order whatever the executor.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

log = logging.getLogger("scoreatlas.build")


class WorkerDied(Exception):
    """A worker process or Dask worker was lost; the driver turns it into ``E018`` naming the store."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(what, reason)
        self.what = what
        self.reason = reason


class InlineExecutor:
    """Runs every stage in the build's own process (``--jobs 1``)."""

    workers = 1
    name = "local"

    def share(self, value: Any) -> Any:
        return value

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        for chunk in chunks:
            yield fn(*args, chunk)

    def close(self) -> None:
        pass


class PoolExecutor:
    """A pool of ``jobs`` worker processes on this machine.

    On Linux the workers are forked from the build's own process, which has imported everything already:
    a fork server or spawned workers would first spend seconds importing spaCy and the stages, a cost a
    ``--jobs 1`` build never pays. For the spaCy pass, the build's own process first loads the pipelines of
    the languages the first pass saw (:meth:`preload`), then forks new workers: they share the loaded models
    instead of each loading them again. Elsewhere, workers are spawned and load their own.
    """

    name = "local"

    def __init__(self, jobs: int) -> None:
        import multiprocessing
        import sys

        self.workers = jobs
        self._pool: Any = None
        self._fork = sys.platform.startswith("linux")
        self._context: Any = multiprocessing.get_context("fork" if self._fork else "spawn")

    def share(self, value: Any) -> Any:
        return value

    def preload(self, config: Any, languages: Iterable[str]) -> None:
        """Load the pipelines here, then fork the workers that use them (Linux; elsewhere they load their own)."""
        if not self._fork:
            return
        from scoreatlas.engine.stages import worker_for

        worker = worker_for(config)
        for lang in languages:
            worker.pipelines[lang]
        worker.warm()
        # The first pass's workers hold none of the models: new ones are forked on the next map.
        self.close()

    def _start(self) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context)
        return self._pool

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._start()
        window: deque[Any] = deque()
        limit = 2 * self.workers
        try:
            for chunk in chunks:
                window.append(pool.submit(fn, *args, chunk))
                if len(window) >= limit:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool:
            # The kernel's OOM killer, a kill -9: not a bug of ours, and the store is untouched.
            raise WorkerDied("died", "a worker process ended abruptly, e.g. killed for memory; try fewer --jobs "
                                     "or lower --max-chars") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """The stages as tasks on a Dask cluster: ``scheduler`` is its address, or ``None`` for a
    ``LocalCluster`` of ``jobs`` single-threaded worker processes on this machine."""

    name = "dask"

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            from scoreatlas.errors import UserError

            raise UserError("E016", what="--engine dask", allowed="available once 'distributed' is installed",
                            value="dask") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=30)
            except OSError as exc:
                from scoreatlas.errors import UserError

                raise UserError("E019", address=scheduler, reason=type(exc).__name__) from None
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.scheduler = self.client.scheduler.address
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def share(self, value: Any) -> Any:
        # In a list, so that a dict is shipped as one object and not as one key per item.
        return self.client.scatter([value], broadcast=True)[0]

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        window: deque[Any] = deque()
        limit = 2 * self.workers + 1
        for chunk in chunks:
            window.append(self.client.submit(fn, *args, chunk, pure=False))
            if len(window) >= limit:
                yield self._take(window)
        while window:
            yield self._take(window)

    @staticmethod
    def _take(window: deque[Any]) -> Any:
        from distributed.scheduler import KilledWorker

        future = window.popleft()
        try:
            result = future.result()
        except KilledWorker as exc:
            raise WorkerDied("was lost", f"Dask gave up on a task after its workers died: {exc}") from None
        future.release()
        return result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(engine: str, jobs: int, scheduler: str | None) -> Any:
    if engine == "dask":
        return DaskExecutor(scheduler, jobs)
    if jobs > 1:
        return PoolExecutor(jobs)
    return InlineExecutor()
