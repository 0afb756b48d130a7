"""Worker processes for the batch engine: jobs handed out in chunks, results back in order.

The main process keeps, for each worker, the jobs it has sent it and not yet had an
answer for. A worker is sent one chunk at a time over its own pipe and answers job by job,
so the job it is working on is always the first unanswered one of its chunk. That is
what lets the main process do, from outside, what no worker could be trusted to do:

- **A worker that dies** (killed by the kernel's OOM killer, or by anyone) loses only the
  job it held, which fails (``lost``); a new worker takes its place and the jobs it had
  not started go to the others.
- **A job over its time budget** is stopped by killing its worker, whatever it is doing
  (even inside C code that never returns to Python), and fails the same way.
- **Stopping** (an output error, Ctrl-C, SIGTERM): no job starts after it, since the
  workers check a flag the main process sets before each job; the jobs running finish,
  so that every file written is whole. A second Ctrl-C or SIGTERM while they finish kills
  the workers at once. Either way no worker is left behind.

A worker killed while writing an output leaves its temporary file (named with its process
id): ``cleanup(job, pid)`` removes it.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from wikiround._app._lifeline import signals_held, worker_start
from wikiround._app._streams import say

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["Lost", "Mapped", "ordered_map"]

J = TypeVar("J")
R = TypeVar("R")

# What a worker answers for each job of its chunk.
_DONE, _RAISED, _NOT_STARTED = 0, 1, 2
# A worker that dies this many times in a row holding no job is not started again.
_IDLE_DEATHS = 3
# Seconds a worker told to stop is given to exit before it is killed.
_EXIT_GRACE = 5.0
# The exit status of a worker that ran out of memory outside a job (see _serve).
_OUT_OF_MEMORY = 3


@attrs.frozen
class Lost:
    """Why a job has no result of its own: it went over its time budget, or the worker
    process holding it ended (killed by ``signal``, or exited with ``exitcode``)."""

    over_budget: bool = False
    signal: int | None = None
    exitcode: int | None = None

    @property
    def out_of_memory(self) -> bool:
        """The worker ran out of memory where it could not say for which job (taking
        its work, or sending back a result)."""
        return self.exitcode == _OUT_OF_MEMORY

    def __str__(self) -> str:
        if self.out_of_memory:
            return "out of memory"
        if self.signal is not None:
            try:
                name = signal.Signals(self.signal).name
            except ValueError:
                name = f"signal {self.signal}"
            hint = " (out of memory?)" if self.signal == getattr(signal, "SIGKILL", 9) else ""
            return f"the process converting it was killed by {name}{hint}"
        return f"the process converting it exited with status {self.exitcode}"


class Mapped(Generic[R]):
    """The results of :func:`ordered_map`, in the order of the jobs. :meth:`stop` starts
    no more jobs: the iteration goes on with the results of the jobs already running,
    then ends. Leaving the iteration early (``close()``, an exception) stops the same way
    and waits for the running jobs; a second interrupt meanwhile kills their workers."""

    def __init__(self, run: Callable[[Mapped[R]], Generator[R, None, None]]) -> None:
        self.stopped = False
        # Set before close() when the iteration is left because of Ctrl-C or SIGTERM.
        self.interrupted = False
        self._results = run(self)

    def __iter__(self) -> Mapped[R]:
        return self

    def __next__(self) -> R:
        return next(self._results)

    def stop(self) -> None:
        self.stopped = True

    def close(self, *, interrupted: bool = False) -> None:
        """Leave the iteration (see the class); ``interrupted``: because of Ctrl-C or
        SIGTERM, which the running jobs are then waited for with a word."""
        self.interrupted = self.interrupted or interrupted
        self._results.close()


def ordered_map(
    work: Callable[[J], R],
    jobs: Iterable[J],
    *,
    workers: int,
    chunk_size: int = 64,
    budget: float | None = None,
    lost: Callable[[J, Lost], R] | None = None,
    cleanup: Callable[[J, int], None] | None = None,
) -> Mapped[R]:
    """``work(job)`` for each job, in order, over ``workers`` processes (0: in this
    process). At most a few chunks per worker are in flight at once, so jobs are taken
    from ``jobs`` only as fast as they are done.

    Chunks start at one job and double up to ``chunk_size``: a short batch is spread over
    all workers at once, and a long one (a dump's pages) pays for handing work over to a
    worker once per many jobs. A job that runs longer than ``budget`` seconds, or whose
    worker dies, gives ``lost(job, why)`` as its result (raising :class:`RuntimeError`
    when there is no ``lost``). An exception ``work`` raises is raised here."""
    if workers < 1:
        if budget is not None:
            raise ValueError("a time budget needs worker processes (workers >= 1)")
        return Mapped(lambda mapped: _in_process(mapped, work, jobs))
    pool = _Pool(work, jobs, workers, chunk_size, budget, lost, cleanup)
    return Mapped(pool.run)


def _in_process(
    mapped: Mapped[R], work: Callable[[J], R], jobs: Iterable[J]
) -> Generator[R, None, None]:
    for job in jobs:
        if mapped.stopped:
            return
        yield work(job)


@attrs.define
class _Worker(Generic[J]):
    process: BaseProcess
    connection: Connection
    # The jobs sent and not yet answered, in order: the first is the one being worked on.
    assigned: deque[tuple[int, J]] = attrs.field(factory=deque)
    started: float = 0.0  # when the first of them started (time.monotonic())
    idle_deaths: int = 0


class _Pool(Generic[J, R]):
    def __init__(
        self,
        work: Callable[[J], R],
        jobs: Iterable[J],
        workers: int,
        chunk_size: int,
        budget: float | None,
        lost: Callable[[J, Lost], R] | None,
        cleanup: Callable[[J, int], None] | None,
    ) -> None:
        import multiprocessing  # here: converting one file needs no worker processes

        self.context = multiprocessing.get_context()
        self.work = work
        self.jobs = iter(jobs)
        self.size = 1
        self.chunk_size = chunk_size
        self.budget = budget
        self.lost = lost
        self.cleanup = cleanup
        self.count = workers
        # Jobs read and not yet handed out; at most a few chunks per worker in flight.
        self.ready: deque[tuple[int, J]] = deque()
        self.in_flight = workers * chunk_size * 4
        self.read = 0  # jobs taken from ``jobs`` so far (the next job's index)
        self.exhausted = False
        self.done: dict[int, R] = {}
        self.skipped: set[int] = set()  # jobs that will never have a result (stopped)
        self.given = 0  # results given out so far (the next result's index)
        self.stopping = False
        # Set by the main process to stop; read by each worker before each job.
        self.stop_flag: Any = self.context.RawValue("b", 0)
        self.workers: list[_Worker[J]] = []
        self.selector = selectors.DefaultSelector()  # the workers' pipes and processes

    # -- the run ------------------------------------------------------------------------

    def run(self, mapped: Mapped[R]) -> Generator[R, None, None]:
        interrupted = False
        try:
            for _ in range(self.count):
                self.workers.append(self._start())
            while True:
                if mapped.stopped and not self.stopping:
                    self._stop()
                while self.given in self.done or self.given in self.skipped:
                    index = self.given
                    self.given += 1
                    if index in self.done:
                        yield self.done.pop(index)
                        if mapped.stopped and not self.stopping:
                            self._stop()
                    else:
                        self.skipped.discard(index)
                if self.given == self.read and self.exhausted:
                    return
                self._hand_out()
                if self.exhausted and not self.ready and not self._busy():
                    if self.given < self.read and not self.done and not self.skipped:
                        raise RuntimeError("jobs handed out were never answered")  # a bug
                    continue
                if self._read_ahead():
                    self._wait(0)
                else:
                    self._wait(self._until_deadline())
        except GeneratorExit:
            interrupted = mapped.interrupted
            raise
        except BaseException as error:
            # Ctrl-C, SIGTERM (not an error of the run, which is an Exception).
            interrupted = not isinstance(error, Exception)
            raise
        finally:
            self._shut_down(interrupted)

    def _stop(self) -> None:
        self.stopping = True
        self.stop_flag.value = 1
        self.exhausted = True
        self.skipped.update(index for index, _ in self.ready)
        self.ready.clear()

    def _read_ahead(self) -> bool:
        """Read a few more jobs, to have the next chunks ready when workers are done;
        False when none was wanted."""
        wanted = self.size * self.count
        read = False
        for _ in range(16):  # then see what the workers have answered
            if self.exhausted or len(self.ready) >= wanted or not self._may_read():
                break
            read = self._read_one() or read
        return read

    def _busy(self) -> list[_Worker[J]]:
        return [worker for worker in self.workers if worker.assigned]

    def _may_read(self) -> bool:
        return self.read - self.given < self.in_flight

    def _read_one(self) -> bool:
        for job in islice(self.jobs, 1):
            self.ready.append((self.read, job))
            self.read += 1
            return True
        self.exhausted = True
        return False

    def _hand_out(self) -> None:
        for worker in list(self.workers):
            if worker.assigned or self.stopping:
                continue
            while len(self.ready) < self.size and not self.exhausted and self._may_read():
                if not self._read_one():
                    break
            if not self.ready:
                return
            chunk = [self.ready.popleft() for _ in range(min(self.size, len(self.ready)))]
            self.size = min(self.size * 2, self.chunk_size)
            worker.assigned.extend(chunk)
            worker.started = time.monotonic()
            try:
                _send(worker.connection, chunk)
            except OSError:  # it died before it could take the chunk
                self.ready.extendleft(reversed(chunk))
                worker.assigned.clear()
                self._end(worker, None)

    # -- waiting for answers ------------------------------------------------------------

    def _until_deadline(self) -> float | None:
        if self.budget is None:
            return None
        busy = [worker.started for worker in self.workers if worker.assigned]
        if not busy:
            return None
        return max(0.0, min(busy) + self.budget - time.monotonic())

    def _wait(self, timeout: float | None) -> None:
        """Take the answers that come within ``timeout`` seconds (None: until one does);
        kill the workers whose job is over its budget."""
        if not self._busy():
            return
        fired: dict[int, bool] = {}  # the workers heard from, and whether they ended
        for key, _ in self.selector.select(timeout):
            worker, ended = key.data
            fired[id(worker)] = fired.get(id(worker), False) or ended
        for worker in list(self.workers):
            if id(worker) in fired:
                self._answers(worker, ended=fired[id(worker)])
        if self.budget is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.assigned and now - worker.started >= self.budget:
                    self._end(worker, Lost(over_budget=True))

    def _answers(self, worker: _Worker[J], *, ended: bool = False) -> None:
        """Take every answer ``worker`` has sent; if it has died (``ended``: its process
        is seen to have), what it held is lost."""
        connection = worker.connection
        try:
            # Whole messages only: a Ctrl-C in the middle of one would leave the rest in
            # the pipe, and the next unreadable. Held signals are delivered right after.
            with signals_held():
                while connection.poll():
                    self._take(worker, connection.recv())
        except (EOFError, OSError):
            ended = True
        if ended and not worker.process.is_alive():
            self._end(worker, None)

    def _take(self, worker: _Worker[J], answer: tuple[int, int, Any]) -> None:
        index, outcome, value = answer
        worker.assigned.popleft()
        worker.started = time.monotonic()
        worker.idle_deaths = 0
        if outcome == _DONE:
            self.done[index] = value
        elif outcome == _NOT_STARTED:
            self.skipped.add(index)
        else:
            raise value

    def _end(self, worker: _Worker[J], why: Lost | None) -> None:
        """``worker`` has died (``why`` None) or is killed now (over its budget): take
        what it answered before, and fail the job it held; a new worker takes its place."""
        process = worker.process
        if why is not None:
            process.kill()
        process.join(_EXIT_GRACE)
        if process.exitcode is None:  # closed its pipe but lives on: end it
            process.kill()
            process.join()
        try:
            while worker.assigned and worker.connection.poll():
                self._take(worker, _receive(worker.connection))
        except (EOFError, OSError):
            pass
        if why is None:
            code = process.exitcode
            why = Lost(
                signal=-code if code is not None and code < 0 else None,
                exitcode=code if code is not None and code >= 0 else None,
            )
        if worker.assigned:
            index, job = worker.assigned.popleft()
            if self.cleanup is not None and process.pid is not None:
                self.cleanup(job, process.pid)
            if self.lost is None:
                raise RuntimeError(f"a worker process ended: {why}")
            self.done[index] = self.lost(job, why)
            if self.stopping:
                self.skipped.update(index for index, _ in worker.assigned)
            else:
                self.ready.extendleft(reversed(worker.assigned))
            worker.assigned.clear()
        else:
            worker.idle_deaths += 1
            if worker.idle_deaths >= _IDLE_DEATHS:
                raise RuntimeError(f"worker processes cannot start: {why}")
        self._replace(worker)

    def _replace(self, worker: _Worker[J]) -> None:
        self._forget(worker)
        self.workers.remove(worker)
        if self.stopping:
            return
        fresh = self._start()
        fresh.idle_deaths = worker.idle_deaths
        self.workers.append(fresh)

    # -- starting and ending workers ------------------------------------------------------

    def _start(self) -> _Worker[J]:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_serve,
            args=(theirs, os.getpid(), self.stop_flag, self.work),
            daemon=True,
        )
        with signals_held():
            process.start()
        theirs.close()
        worker: _Worker[J] = _Worker(process, ours)
        self.selector.register(ours.fileno(), selectors.EVENT_READ, (worker, False))
        self.selector.register(process.sentinel, selectors.EVENT_READ, (worker, True))
        return worker

    def _shut_down(self, interrupted: bool) -> None:
        """Let the running jobs finish (their files are whole), then end every worker;
        kill them all at once if interrupted meanwhile (a second Ctrl-C)."""
        try:
            if not self.stopping:
                self._stop()
            for worker in self._busy():
                self._answers(worker)
            running = len(self._busy())
            if interrupted and running:
                say(
                    f"wikiround: stopping: waiting for the {running} document"
                    f"{'' if running == 1 else 's'} being converted (interrupt again to "
                    "stop at once)"
                )
            while self._busy():
                self._wait(self._until_deadline())
            for worker in self.workers:
                with contextlib.suppress(OSError):
                    _send(worker.connection, None)
            deadline = time.monotonic() + _EXIT_GRACE
            for worker in self.workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
        except BaseException:
            for worker in self.workers:
                worker.process.kill()  # SIGKILL: at once, whatever it is doing
            raise
        finally:
            for worker in self.workers:
                if worker.process.exitcode is None:
                    worker.process.kill()
                worker.process.join()
                if worker.assigned and self.cleanup is not None and worker.process.pid:
                    self.cleanup(worker.assigned[0][1], worker.process.pid)
                self._forget(worker)
            self.workers = []
            self.selector.close()

    def _forget(self, worker: _Worker[J]) -> None:
        for registered in (worker.connection.fileno(), worker.process.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(registered)
        worker.connection.close()


def _send(connection: Connection, message: object) -> None:
    # Whole or not at all: Ctrl-C in the middle would leave half a message in the pipe,
    # and the next one unreadable. Held signals are delivered right after.
    with signals_held():
        connection.send(message)


def _receive(connection: Connection) -> Any:
    with signals_held():
        return connection.recv()


def _serve(connection: Connection, parent: int, stop_flag: Any, work: Callable[[Any], Any]) -> None:
    """A worker: take a chunk, answer each of its jobs, until told to end. A job's own
    errors are its answer; an error outside the jobs (no memory to take a chunk or to
    send a result) ends the worker with a status the main process reads, and without a
    traceback on standard error."""
    worker_start(parent)
    try:
        _answer_chunks(connection, stop_flag, work)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    except Exception:
        os._exit(1)


def _answer_chunks(connection: Connection, stop_flag: Any, work: Callable[[Any], Any]) -> None:
    while True:
        try:
            chunk = connection.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index, job in chunk:
            if stop_flag.value:
                connection.send((index, _NOT_STARTED, None))
                continue
            try:
                answer = (index, _DONE, work(job))
            except Exception as error:
                answer = (index, _RAISED, error)
            connection.send(answer)
