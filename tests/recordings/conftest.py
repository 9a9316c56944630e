from ..deploy.conftest import pg_bin_dir  # noqa: F401  (the backup test's PostgreSQL tools)
