"""English pages take dates as the Vietnamese ones do, day first: the readers are the same people.

Only the input formats: English display formats (DATE_FORMAT "N j, Y": "Nov. 6, 2018") come from
Django's English module as before, and the project's templates spell their own ("j/n/Y")."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"]
