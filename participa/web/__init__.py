"""Web plumbing below the features: error pages, security headers, static files, URL
converters, the base form, query strings read strictly (``args``: parameters, page numbers),
lists a page at a time (``pagination``), the open-data API's shape, rate-limit keys and mail.
Imports ``base``, ``i18n`` and ``content``, never a feature."""
