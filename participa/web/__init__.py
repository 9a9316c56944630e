"""Web plumbing below the features: error pages, security headers, static files, URL
converters, the base form, the open-data API's shape, rate-limit keys and mail. Imports
``base``, ``i18n`` and ``content``, never a feature."""
