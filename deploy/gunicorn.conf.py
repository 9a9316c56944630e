"""Gunicorn settings for Participa in production (docs/deploy.md):

    gunicorn -c deploy/gunicorn.conf.py

The app reads its own settings from PARTICIPA_* variables (participa/base/config.py); the few
below come from the environment too, and options on the command line win over this file
(``--bind``, ``--workers``).
"""

import multiprocessing
import os
import tempfile

wsgi_app = "participa:create_app()"
proc_name = "participa"

# Behind nginx on the same machine; GUNICORN_BIND="0.0.0.0:8000" (or several, comma-separated)
# when the proxy or load balancer is elsewhere, then list its address in FORWARDED_ALLOW_IPS.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Processes: the usual 2 x cores + 1. Each holds its own database connection pool, shared by
# its threads (SQLAlchemy: 5, up to 15 under load): workers x servers x 15 must stay under
# PostgreSQL's max_connections.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Threads let a worker serve other requests while one waits on the database or the mail
# server (mail is sent after the commit, inside the request). gunicorn's gthread worker, made
# to answer every connection it accepted before it restarts (participa/web/worker.py):
# gunicorn's own resets those whose request had not arrived yet, and that request gets no
# answer (issue 15, item 17).
worker_class = "participa.web.worker.DrainingThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Nothing is loaded before the fork: each worker opens its own database and Redis
# connections (connections must never cross a fork).
preload_app = False

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle each worker after about a thousand requests: memory stays bounded. The jitter keeps
# the workers from restarting together; a restarting worker answers every connection it took.
max_requests = 1000
max_requests_jitter = 100
# No keep-alive: each response closes its connection, so the server never closes one a client
# may be sending a request on at that moment (an idle keep-alive connection ending as a
# worker restarts, or its 5 s running out): behind nginx that request is a 502, never retried
# for a POST; directly, no answer at all. nginx opens a connection per request (deploy/
# nginx.conf: no upstream keepalive), cheap on this machine's loopback; a client reaching
# gunicorn directly does the same. tests/deploy/test_recycling.py counts the answers.
keepalive = 0

# X-Forwarded-Proto is believed only from these addresses (nginx on this machine); the app
# reads the client's address from X-Forwarded-For when PARTICIPA_PROXY_COUNT is set.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Errors to stderr (journald). No access log by default: nginx keeps one, and every line
# would hold a citizen's address; GUNICORN_ACCESSLOG=- turns it on.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None

# Worker heartbeats on the memory file system, as gunicorn's docs advise (a disk-backed /tmp
# can stall them and get workers killed). Gunicorn makes each file there with mkstemp.
SHM = "/dev/shm"  # noqa: S108 - a fixed system folder, files made with mkstemp
worker_tmp_dir = SHM if os.path.isdir(SHM) else tempfile.gettempdir()
