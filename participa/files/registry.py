"""Who may see a file: the feature that owns it says, through this registry.

``files`` sits below the features, so it never names them: each owner registers, when its
package is imported, a function answering the ``Access`` of one of its files for one person
(``register_owner("audio", recording_access)``). A file whose owner answers ``HIDDEN`` (its
recording hidden by moderation, say) or whose owner is not registered answers 404; the file
is kept.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from .models import StoredFile


class Access(enum.Enum):
    PUBLIC = "public"  # anyone: cached by browsers and proxies for a year (immutable)
    PRIVATE = "private"  # this person only (its author, a moderator): never stored by caches
    HIDDEN = "hidden"  # 404


AccessRule = Callable[[StoredFile, Any], Access]

_OWNERS: dict[str, AccessRule] = {}


def register_owner(owner: str, access: AccessRule) -> None:
    """``access(file, user)`` answers whether ``user`` (perhaps anonymous) may see ``file``,
    one of the files stored with ``owner=owner``; it may query its own tables."""
    if owner in _OWNERS and _OWNERS[owner] is not access:
        raise ValueError(f"the owner {owner!r} of files is already registered")
    _OWNERS[owner] = access


def is_registered(owner: str) -> bool:
    return owner in _OWNERS


def access_for(file: StoredFile, user: Any) -> Access:
    rule = _OWNERS.get(file.owner)
    return Access.HIDDEN if rule is None else rule(file, user)
