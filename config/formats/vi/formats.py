"""Dates as people type them: the day first, always; a month-first 11/13/2018 is refused.

The first format of each list is also how a form shows a value back. Django's Vietnamese module has no
input formats, so the global US ones (month first) would apply. ISO (2018-11-06) is always accepted:
get_format() adds it to any list a module gives."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 06/11/2018, 6/11/2018
    "%d-%m-%Y",  # 06-11-2018
    "%d.%m.%Y",  # 06.11.2018
    "%Y-%m-%d",  # 2018-11-06
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 14:30
    "%H:%M:%S",  # 14:30:59
    "%H:%M:%S.%f",  # 14:30:59.000200
]
DATETIME_INPUT_FORMATS = [
    f"{day} {time}" for day in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS
] + DATE_INPUT_FORMATS  # a day alone is its midnight
