"""Gunicorn's threaded worker, made to answer what it accepted before it exits
(deploy/gunicorn.conf.py: ``worker_class``).

Gunicorn's ``gthread`` worker accepts a connection and waits in its event loop for the request
to arrive; it keeps answered connections there too while keep-alive lasts. When it stops
(after ``max_requests``, or on a graceful restart) it leaves that loop at once and exits when
the requests already being handled are done: every connection still waiting in the loop is
reset, and the request sent on it gets no answer (issue 15, item 17: 28 of 9,810 requests in
45 s, in bursts at each "Autorestarting worker"; behind nginx a 502, never retried for a POST).

This worker, when it stops, stops accepting and goes on with its loop until every connection
it holds has been answered (each answer then closes its connection) or has ended idle as
keep-alive ends, within ``graceful_timeout``; the other workers, or the one the arbiter starts
in its place, take the new connections meanwhile. tests/deploy/test_recycling.py."""

from __future__ import annotations

import selectors
import time
from concurrent import futures
from functools import partial

from gunicorn.workers.gthread import ThreadWorker


class DrainingThreadWorker(ThreadWorker):
    """``gthread`` that answers every connection it accepted before it exits."""

    def run(self) -> None:
        """gunicorn's ``ThreadWorker.run`` (23.0), with ``drain`` once the worker stops."""
        for sock in self.sockets:
            sock.setblocking(False)
            server = sock.getsockname()
            self.poller.register(sock, selectors.EVENT_READ, partial(self.accept, server))

        while self.alive:
            self.notify()
            if self.nr_conns < self.worker_connections:
                self._turn(1.0)
            else:
                self._collect(futures.wait(self.futures, timeout=1.0,
                                           return_when=futures.FIRST_COMPLETED))
            if not self.is_parent_alive():
                break
            self.murder_keepalived()

        if self.is_parent_alive():
            self.drain()
        self.tpool.shutdown(False)
        self.poller.close()
        for sock in self.sockets:
            sock.close()
        futures.wait(self.futures, timeout=self.cfg.graceful_timeout)

    def drain(self) -> None:
        """Stop accepting; answer each connection already accepted as its request arrives,
        and let the idle keep-alive ones end as they would have. The answers close their
        connections (``self.alive`` is false), so none is kept for more."""
        for sock in self.sockets:
            try:
                self.poller.unregister(sock)
            except (KeyError, ValueError):
                pass
            sock.close()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while self.nr_conns > 0 and time.monotonic() < deadline:
            self.notify()
            self._turn(0.1)
            self.murder_keepalived()

    def _turn(self, wait: float) -> None:
        """One turn of the event loop: the connections that became readable are handed to
        the threads, and the requests they finished are collected."""
        for key, _ in self.poller.select(wait):
            key.data(key.fileobj)
        self._collect(futures.wait(self.futures, timeout=0,
                                   return_when=futures.FIRST_COMPLETED))

    def _collect(self, result) -> None:
        for done in result.done:
            self.futures.remove(done)
