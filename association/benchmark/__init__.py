"""`make bench`: the site's pages timed in-process and over HTTP, against two floors.

Run it as `python -m association.benchmark` (see `--help`). Nothing here is part of the
site: the floors and their URLs exist only under `association.benchmark.settings`.
"""
