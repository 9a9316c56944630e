"""The password policy's list of common passwords: zxcvbn's leaked passwords and our own
Spanish and Guatemalan ones, without keeping the rest of zxcvbn in a worker's memory."""

from __future__ import annotations

import subprocess
import sys

from participa.accounts.passwords import common_passwords, policy_errors


def test_leaked_and_local_common_passwords_are_refused(app):
    with app.test_request_context("/"):
        # From zxcvbn's list of leaked passwords, not from ours.
        assert "Esa contraseña es demasiado común. Elija otra." in policy_errors("1qaz2wsx3edc")
        assert "1qaz2wsx3edc" in common_passwords()
        assert len(common_passwords()) > 30_000
        assert policy_errors("una frase larga que nadie más usaría") == []


def test_a_worker_keeps_only_the_list_it_uses():
    """The app imports no zxcvbn until a password is checked, and lets its dictionaries go
    once the list of passwords is read (about 15 MB of every worker: issue 20)."""
    script = (
        "import sys\n"
        "from participa import create_app\n"
        "app = create_app({'TESTING': True, 'SQLALCHEMY_DATABASE_URI': 'sqlite://'})\n"
        "assert not any(m.startswith('zxcvbn') for m in sys.modules), 'imported at start'\n"
        "from participa.accounts.passwords import common_passwords\n"
        "assert '1qaz2wsx3edc' in common_passwords()\n"
        "assert not any(m.startswith('zxcvbn') for m in sys.modules), 'kept after the check'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
