"""``flask demo load``: demo organisations, accounts, the demo round and drafts, built from
the seed documents. Above the features; no feature imports it."""
