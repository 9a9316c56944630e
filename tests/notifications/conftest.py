"""A real SMTP server (aiosmtpd on loopback) for the tests of notification e-mail."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from ..test_mail import Collector, _free_port


@pytest.fixture
def smtp(app):
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    yield collector
    controller.stop()
