"""gunicorn's settings. gunicorn reads ./gunicorn.conf.py from the directory it starts in, so the
Dockerfile's and docker-compose.yml's `gunicorn config.wsgi` use it; started elsewhere, pass
`--config /path/to/gunicorn.conf.py`.

gunicorn's own logs go through the filter Django's logging uses (config/logging.py), so no check-in
code, password-reset link or e-mail address reaches them: errors (with the address of a request that
failed) on stderr, and one line per request on stdout — the request line with its query string and
the referring address, masked.
"""

# TERM (or a rolling restart's HUP) stops taking connections and lets the requests under way finish,
# for up to this many seconds; the proxy sends new ones to the other servers meanwhile.
graceful_timeout = 20

_masked = ["redact_secrets"]

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "config.logging.RedactSecrets"}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "generic",
            "filters": _masked,
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
            "filters": _masked,
        },
    },
    # Until Django configures its own logging (config/settings.py LOGGING) in each worker.
    "root": {"handlers": ["error"], "level": "INFO"},
    # Not propagated: the root logger is Django's in a worker, and would write each line a second time.
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "propagate": False},
    },
}
