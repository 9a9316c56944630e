"""``flask mail worker`` sends the outbox; ``flask mail digest`` sends the daily digests.

Run the worker as a service beside the web server (docs/deploy.md), and the digest once a
day from a timer; ``make run`` runs the worker beside the development server.
"""

from __future__ import annotations

import signal
import time
from datetime import timedelta
from typing import Any

import click
from flask.cli import AppGroup

from . import outbox

mail = AppGroup("mail", help="El correo de los avisos: enviar la bandeja de salida.")


class _Stop:
    """SIGTERM and SIGINT end the worker after the message it is sending."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, *_args: Any) -> None:
        self.requested = True


@mail.command("worker")
@click.option("--once", is_flag=True,
              help="Enviar lo pendiente y terminar (para un temporizador o una prueba).")
@click.option("--batch", default=outbox.BATCH, show_default=True, type=click.IntRange(1, 1000),
              help="Mensajes que toma en cada vuelta.")
@click.option("--interval", default=5.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Segundos de espera cuando no hay nada que enviar.")
@click.option("--lease", default=int(outbox.LEASE.total_seconds()), show_default=True,
              type=click.IntRange(1, 86400),
              help="Segundos que un mensaje tomado queda reservado para este proceso.")
def worker(once: bool, batch: int, interval: float, lease: int) -> None:
    """Envía los correos de la bandeja de salida, con reintentos."""
    name = outbox.worker_name()
    stop = _Stop()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    lease_time = timedelta(seconds=lease)
    total = 0
    while not stop.requested:
        result = outbox.work(worker=name, batch=batch, lease=lease_time)
        total += result.sent
        if result.claimed < batch:
            if once:
                break
            time.sleep(interval)
    click.echo(f"{total} correos enviados; {outbox.pending_count()} por enviar.")


@mail.command("digest")
def digest() -> None:
    """Prepara el resumen diario de cada persona y envía la bandeja de salida."""
    made = outbox.make_digests()
    result = outbox.drain(worker=outbox.worker_name())
    click.echo(f"{made} resúmenes preparados; {result.sent} correos enviados; "
               f"{outbox.pending_count()} por enviar.")
