from ..guards import admin_only
from . import admin_bp

admin_only(admin_bp)
