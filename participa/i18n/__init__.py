"""Interface languages: the registry, locale selection, Babel's Mayan locales, dates as
people read them (``dates``), the verified terms and ``flask translate``. Imports only
``base``."""
