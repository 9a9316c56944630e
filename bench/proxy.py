"""nginx with the shipped deploy/nginx.conf on loopback, without TLS: its page cache
(``proxy_cache_path``, moved into a folder of the caller's), its maps, its upstream and its
``location /``, each server in front of an app port of the caller's. Used by bench/run.py
(the P rows) and tests/deploy (shipped_nginx.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "deploy" / "nginx.conf"


def shipped_block(config: str, opening: str) -> str:
    """The block of deploy/nginx.conf that starts with ``opening`` (braces balanced)."""
    start = config.index(opening)
    depth = 0
    for end in range(config.index("{", start), len(config)):
        depth += {"{": 1, "}": -1}.get(config[end], 0)
        if depth == 0:
            return config[start:end + 1]
    raise AssertionError(f"unbalanced block {opening!r}")


def _without_comments(text: str) -> str:
    return re.sub(r"^\s*#.*$", "", text, flags=re.MULTILINE)


def configuration(folder: Path, servers: list[tuple[int, int]], *,
                  workers: str = "1") -> str:
    """An nginx.conf serving, for each (port, app port) of ``servers``, the shipped
    ``location /`` on ``port`` in front of ``app port``, with the shipped cache and maps;
    its files in ``folder``."""
    shipped = SHIPPED.read_text()
    cache = re.search(r"^proxy_cache_path [^;]+;", shipped, re.MULTILINE)
    if cache is None:
        raise AssertionError("deploy/nginx.conf declares its page cache (proxy_cache_path)")
    maps = "\n".join(shipped_block(shipped, match.group(0))
                     for match in re.finditer(r"^map [^{]+", shipped, re.MULTILINE))
    upstream = _without_comments(shipped_block(shipped, "upstream participa"))
    location = shipped_block(shipped, "location / ")
    blocks = []
    for n, (port, app_port) in enumerate(servers):
        # Each server its own upstream and its own cache (the key names no port).
        name = f"participa{n}"
        blocks.append(cache.group(0).replace(
            "/var/cache/nginx/participa", str(folder / f"cache{n}")).replace(
            "keys_zone=participa:", f"keys_zone={name}:"))
        blocks.append(upstream.replace("upstream participa", f"upstream {name}")
                      .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}"))
        served = (location.replace("proxy_pass http://participa;", f"proxy_pass http://{name};")
                  .replace("proxy_cache participa;", f"proxy_cache {name};"))
        blocks.append(f"""
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        {served}
    }}""")
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as nobody, who cannot enter a private folder.
    user = "user root;" if os.geteuid() == 0 else ""
    body = "\n".join(blocks)
    return f"""
daemon off;
{user}
worker_processes {workers};
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
{temp}
    {maps}
    {body}
}}
"""
