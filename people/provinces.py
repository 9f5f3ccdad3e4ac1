"""The province table of the 2025 reform, loaded from the project's copy of the statistics office list."""

import csv
from datetime import date
from pathlib import Path

from .text import fold

CSV_PATH = Path(__file__).parent / "data" / "provinces-2025.csv"
REFORM_DAY = date(2025, 7, 1)
# Tỉnh Thừa Thiên Huế became Thành phố Huế (same code) on 2025-01-01; the table shows only the latter.
HUE_CITY_DAY = date(2025, 1, 1)
HUE_CODE = "46"


def _kind(name):
    return "city" if name.startswith("Thành phố") else "province"


def _english(name):
    for prefix, suffix in (("Thành phố ", "City"), ("Tỉnh ", "Province")):
        if name.startswith(prefix):
            return f"{name.removeprefix(prefix)} {suffix}"
    return name


def load_provinces(Province):
    """Create or update the 34 current units, the 63 before the reform and Tỉnh Thừa Thiên Huế.

    Takes the model class so the data migration can pass its historical model. Idempotent.
    """
    with CSV_PATH.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    def put(code, name, valid_from, valid_to, successor):
        unit, _ = Province.objects.update_or_create(
            code=code,
            valid_to=valid_to,
            defaults={
                "name": name,
                "name_en": _english(name),
                "kind": _kind(name),
                "valid_from": valid_from,
                "successor": successor,
                "search_text": fold(f"{name} {_english(name)} {code}"),
            },
        )
        return unit

    current = {}
    for row in rows:
        if row["new_code"] not in current:
            current[row["new_code"]] = put(row["new_code"], row["new_name"], REFORM_DAY, None, None)
    day_before_reform = date(2025, 6, 30)
    for row in rows:
        is_hue = row["old_code"] == HUE_CODE
        old = put(
            row["old_code"],
            row["old_name"],
            HUE_CITY_DAY if is_hue else None,
            day_before_reform,
            current[row["new_code"]],
        )
        if is_hue:
            put(HUE_CODE, "Tỉnh Thừa Thiên Huế", None, date(2024, 12, 31), old)
