"""The project's settings plus the baseline app and URLs, for the benchmark only (bench/run.py).

Production-like: run.py sets DJANGO_DEBUG=0 and a secret key in the environment before this is read.
BENCH_PAGE_CACHE=0 turns the public page cache off, to measure the pages uncached.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import ALLOWED_HOSTS, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
PUBLIC_PAGE_CACHE = os.environ.get("BENCH_PAGE_CACHE", "1") == "1"
# Plain HTTP on the loopback interface.
SECURE_SSL_REDIRECT = False
