"""What accounts tell the features above them. Accounts import no feature: a feature that
keeps something of a person connects here and does its part (blinker, like Flask's own
signals)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent by ``services.delete_account(user=...)`` with the user as sender, inside the deletion's
# transaction, before the account is anonymised: receivers delete what only this person could
# read or what would still name them (their memberships, their notifications). They flush or
# execute; they never commit.
account_deleted = _signals.signal("account-deleted")
