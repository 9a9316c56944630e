"""Interface languages: the registry, locale selection, Babel's Mayan locales, the verified
terms and ``flask translate``. Imports only ``base``."""
