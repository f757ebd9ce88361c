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
_END = object()
# Per worker, for every executor that routes by language: chunks handed to it at a time (one running, the next
# ready to start), and files taken and not yet written (enough that one slow chunk does not idle the others;
# counted in files, not chunks, since chunks shrink towards the end of a build).
QUEUE_PER_WORKER = 2
WINDOW_PER_WORKER = 8
WINDOW_FILES_PER_WORKER = 256


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

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any,
             route: Callable[[Any], str] | None = None) -> Iterator[Any]:
        for chunk in chunks:
            yield fn(*args, chunk)

    def close(self) -> None:
        pass


def assign_languages(costs: dict[str, tuple[float, float]], workers: int) -> list[frozenset[str]]:
    """Which languages each of ``workers`` processes, so that the busiest one finishes as early as possible.

    Args:
        costs: per language, the seconds to load its pipeline (paid by every worker that takes it) and the
            seconds of processing (shared by the workers that take it).
        workers: the number of worker processes.

    Returns:
        One set of languages per worker (possibly empty). Loading five languages' pipelines takes as long as
        processing a few hundred documents, so a worker that loads only its own languages saves that time;
        a language with more work than one worker's share goes to several.
    """
    busy = [0.0] * workers
    plan: list[set[str]] = [set() for _ in range(workers)]
    rest = sum(load + work for load, work in costs.values())
    for lang, (load, work) in sorted(costs.items(), key=lambda kv: (-sum(kv[1]), kv[0])):
        rest -= load + work
        best: tuple[float, list[int]] = (float("inf"), [])
        order = sorted(range(workers), key=lambda i: busy[i])
        for k in range(1, workers + 1):
            chosen = order[:k]
            after = [b + (load + work / k if i in chosen else 0.0) for i, b in enumerate(busy)]
            # What is left must still be done by someone: the even spread of it bounds the end from below.
            finish = max(max(after), (sum(after) + rest) / workers)
            if finish < best[0] - 1e-9:
                best = (finish, chosen)
        for i in best[1]:
            plan[i].add(lang)
            busy[i] += load + work / len(best[1])
    return [frozenset(p) for p in plan]


def hand_out(chunks: Iterable[Any], route: Callable[[Any], str], plan: list[frozenset[str]],
             submit: Callable[[int, Any], Any], wait_first: Callable[[list[Any]], Iterable[Any]],
             result: Callable[[Any], Any], *, queue: int, window: int) -> Iterator[Any]:
    """The results of ``submit(worker, chunk)`` for each chunk, in chunk order, each chunk handed to a worker
    when that worker is nearly out of work, rather than queued up front.

    A chunk queued early at one worker cannot move when another turns out to be idle; and inputs often come
    sorted by language (a folder per language), so that at the end only the languages of one worker would be
    left. So each worker holds at most ``queue`` chunks, and a worker with room takes, among the next chunks,
    one of a language that fewest workers hold (its own first), then the oldest; a language no worker holds
    goes to any. At most ``window`` items (the chunks' lengths summed) are taken from ``chunks`` and not yet
    handed back, which bounds the results held to put them in order.

    Args:
        chunks: the chunks, in order.
        route: a chunk's language.
        plan: the languages each worker holds.
        submit: starts a chunk on a worker; returns a future.
        wait_first: of the running futures, those done once at least one is.
        result: a done future's result.
    """
    source = iter(chunks)
    waiting: list[tuple[int, Any, list[int]]] = []  # (position, chunk, workers holding its language)
    running: dict[Any, tuple[int, int]] = {}  # future -> (position, worker)
    done: dict[int, Any] = {}
    queued = [0] * len(plan)
    sizes: dict[int, int] = {}
    taken = handed = held = 0
    exhausted = False
    while True:
        while not exhausted and (held < window or not sizes):
            chunk: Any = next(source, _END)
            if chunk is _END:
                exhausted = True
                break
            sizes[taken] = len(chunk)
            held += sizes[taken]
            lang = route(chunk)
            holders = [i for i, langs in enumerate(plan) if lang in langs] or list(range(len(plan)))
            waiting.append((taken, chunk, holders))
            taken += 1
        for i in range(len(plan)):
            while queued[i] < queue:
                mine = [k for k, (_pos, _chunk, holders) in enumerate(waiting) if i in holders]
                if not mine:
                    break
                k = min(mine, key=lambda k: (len(waiting[k][2]), waiting[k][0]))
                position, chunk, _holders = waiting.pop(k)
                running[submit(i, chunk)] = (position, i)
                queued[i] += 1
        while handed in done:
            held -= sizes.pop(handed)
            yield done.pop(handed)
            handed += 1
        if not running:
            if exhausted:
                return
            continue  # every chunk taken was handed back: take the next ones
        for future in wait_first(list(running)):
            position, i = running.pop(future)
            queued[i] -= 1
            done[position] = result(future)


class PoolExecutor:
    """A pool of ``jobs`` worker processes on this machine.

    On Linux the workers are forked from the build's own process, which has imported everything already:
    a fork server or spawned workers would first spend seconds importing spaCy and the stages, a cost a
    ``--jobs 1`` build never pays. For the spaCy pass, :meth:`plan` gives each worker its own languages
    (:func:`assign_languages`): the workers load their pipelines side by side, each only the ones it needs,
    and each chunk goes to a worker that holds its language (a worker sent another language loads it then).
    """

    name = "local"

    def __init__(self, jobs: int) -> None:
        import multiprocessing
        import sys

        self.workers = jobs
        self._pools: list[Any] = []
        self._plan: list[frozenset[str]] = []
        self._initial: tuple[Callable[..., Any], Any] | None = None
        fork = sys.platform.startswith("linux")
        self._context: Any = multiprocessing.get_context("fork" if fork else "spawn")

    def share(self, value: Any) -> Any:
        return value

    def plan(self, load: Callable[[Any, list[str]], None], config: Any, plan: list[frozenset[str]]) -> None:
        """From now on, one process per set of languages in ``plan``, each started by ``load(config, langs)``."""
        self.close()
        self._plan = [p for p in plan if p] or [frozenset()]
        self._initial = (load, config)

    def _start(self) -> list[Any]:
        from concurrent.futures import ProcessPoolExecutor

        if not self._pools:
            if self._initial is None:
                self._pools = [ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context)]
            else:
                load, config = self._initial
                self._pools = [ProcessPoolExecutor(max_workers=1, mp_context=self._context, initializer=load,
                                                   initargs=(config, sorted(langs))) for langs in self._plan]
        return self._pools

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any,
             route: Callable[[Any], str] | None = None) -> Iterator[Any]:
        """``fn(*args, chunk)`` for each chunk, in chunk order; ``route(chunk)`` names the chunk's language."""
        from concurrent.futures.process import BrokenProcessPool

        pools = self._start()
        try:
            if route is None or len(pools) == 1:
                yield from self._in_turn(pools[0], fn, chunks, args)
            else:
                from concurrent.futures import FIRST_COMPLETED, wait

                yield from hand_out(
                    chunks, route, self._plan, lambda i, chunk: pools[i].submit(fn, *args, chunk),
                    lambda running: wait(running, return_when=FIRST_COMPLETED)[0], lambda future: future.result(),
                    queue=QUEUE_PER_WORKER, window=WINDOW_FILES_PER_WORKER * len(pools))
        except BrokenProcessPool:
            # The kernel's OOM killer, a kill -9: not a bug of ours, and the store is untouched.
            raise WorkerDied("died", "a worker process ended abruptly, e.g. killed for memory; try fewer --jobs "
                                     "or lower --max-chars") from None

    def _in_turn(self, pool: Any, fn: Callable[..., Any], chunks: Iterable[Any], args: tuple[Any, ...]) -> Iterator[Any]:
        window: deque[Any] = deque()
        limit = WINDOW_PER_WORKER * self.workers
        for chunk in chunks:
            window.append(pool.submit(fn, *args, chunk))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools = []


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
        self._routes: list[tuple[str, frozenset[str]]] = []
        self._loading: list[Any] = []

    def share(self, value: Any) -> Any:
        # In a list, so that a dict is shipped as one object and not as one key per item.
        return self.client.scatter([value], broadcast=True)[0]

    def plan(self, load: Callable[[Any, list[str]], None], config: Any, plan: list[frozenset[str]]) -> None:
        """Each worker of the cluster loads its set of languages in ``plan`` (``load(config, langs)``, as a task
        of its own), and from now on gets the chunks of those languages; see :func:`hand_out`."""
        addresses = sorted(self.client.scheduler_info().get("workers", {}))
        self._routes = [(addr, langs) for addr, langs in zip(addresses, plan, strict=False) if langs]
        # Before any chunk: a worker runs its tasks in the order they come. The futures are held, or Dask
        # would forget the tasks.
        self._loading = [self.client.submit(load, config, sorted(langs), workers=[addr], pure=False)
                         for addr, langs in self._routes]

    def imap(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any,
             route: Callable[[Any], str] | None = None) -> Iterator[Any]:
        if route is not None and len(self._routes) > 1:
            from distributed import wait

            addresses = [addr for addr, _langs in self._routes]
            # A chunk may still run elsewhere if its worker is lost: that worker then loads the language.
            yield from hand_out(
                chunks, route, [langs for _addr, langs in self._routes],
                lambda i, chunk: self.client.submit(fn, *args, chunk, pure=False, workers=[addresses[i]],
                                                    allow_other_workers=True),
                lambda running: wait(running, return_when="FIRST_COMPLETED").done, self._result,
                queue=QUEUE_PER_WORKER, window=WINDOW_FILES_PER_WORKER * len(addresses))
            return
        window: deque[Any] = deque()
        limit = 2 * self.workers + 1
        for chunk in chunks:
            window.append(self.client.submit(fn, *args, chunk, pure=False))
            if len(window) >= limit:
                yield self._result(window.popleft())
        while window:
            yield self._result(window.popleft())

    @staticmethod
    def _result(future: Any) -> Any:
        from distributed.scheduler import KilledWorker

        try:
            result = future.result()
        except KilledWorker as exc:
            raise WorkerDied("was lost", f"Dask gave up on a task after its workers died: {exc}") from None
        future.release()
        return result

    def close(self) -> None:
        self._loading = []
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(engine: str, jobs: int, scheduler: str | None) -> Any:
    if engine == "dask":
        return DaskExecutor(scheduler, jobs)
    if jobs > 1:
        return PoolExecutor(jobs)
    return InlineExecutor()
