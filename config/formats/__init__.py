"""The project's format modules (settings.FORMAT_MODULE_PATH): day-first dates as people in Vietnam type them.

Each language's module names only what it changes; get_format() takes any other name (DATE_FORMAT and the
other display formats) from Django's own module for the language, then from the settings."""
