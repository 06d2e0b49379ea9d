"""The WSGI entry point for gunicorn: ``gunicorn wsgi:app``."""

import gc

from engage import create_app

app = create_app()

# Everything made so far (modules, the app, SQLAlchemy's mappings, the catalogs: some
# 190,000 objects) lives as long as the worker. Left to the collector, each full
# collection walks them all, pausing the worker about 90 ms mid-request; frozen, they
# are never walked again, and a full collection takes a few milliseconds.
gc.freeze()
