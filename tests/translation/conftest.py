from tests.i18n.test_cli import copy  # noqa: F401  (translate_cli pointed at a copy)
