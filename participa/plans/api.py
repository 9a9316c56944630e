from . import api_bp  # noqa: F401
