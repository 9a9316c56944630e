"""The performance benchmark's data set (``flask bench seed``) and its measuring aids; the
load generator itself is ``bench/run.py``. See docs/performance.md."""
