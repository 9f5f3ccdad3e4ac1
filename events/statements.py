"""Reads whose SQL is compiled once per process and then sent again with new keys.

Django compiles a queryset to SQL every time it runs: for the event page's small reads that cost
0.3 ms each, six times what PostgreSQL took to answer them (a read of six agenda items: 0.37 ms
through the ORM, 0.05 ms as the same SQL sent again; issue 15). A `Statement` compiles its
queryset once per database, for placeholder keys, and afterwards sends that SQL with the real
keys, turning each row into Python values with the converters the ORM itself uses (dates on SQLite).

Only for querysets whose SQL does not depend on the keys' values (equalities, subqueries keyed by
them; not `__in` lists, whose SQL grows with the list, nor values computed from a key): compiling
checks it with two sets of placeholders, and refuses a statement that does.
"""

import functools

from django.db import connections, router


@functools.cache
def columns(model, prefix: str = "", only: frozenset | None = None) -> tuple[str, ...]:
    """The columns of `model` a page reads (`only` those, when given), in the order of its concrete
    fields, the order Model.from_db takes: every one but the search text, which no page shows."""
    return tuple(
        prefix + field.attname
        for field in model._meta.concrete_fields
        if field.name != "search_text" and (only is None or field.attname in only)
    )


def loaded(model, row, start: int = 0, only=None):
    """The `model` instance whose columns() `row` holds from `start` on; None for an empty join."""
    names = columns(model, only=only)
    values = row[start : start + len(names)]
    return None if values[0] is None else model.from_db(router.db_for_read(model), names, values)


def _placeholder(kind: type, index: int, variant: int):
    # Values no real key takes: a key's parameters are found among the compiled ones by them.
    if kind is str:
        return f"\x00placeholder-{variant}-{index}"
    return -7_000_000_000 - 10 * index - variant


class Statement:
    """`build(*keys)` gives a `values_list()` queryset of `model`; `rows(*keys)` its rows, as tuples.
    `key_types` are the keys' types (int for a primary key, str for a slug)."""

    def __init__(self, model, build, *key_types: type):
        self.model = model
        self.build = build
        self.key_types = key_types
        self.compiled = {}

    def _compile(self, alias):
        firsts, seconds = (
            [_placeholder(kind, index, variant) for index, kind in enumerate(self.key_types)] for variant in (1, 2)
        )
        compiler = self.build(*firsts).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        other_sql, other_params = self.build(*seconds).query.get_compiler(using=alias).as_sql()
        slots = [(position, firsts.index(value)) for position, value in enumerate(params) if value in firsts]
        # The same SQL, and parameters that differ exactly where the keys are: no SQL shaped by a key,
        # no parameter computed from one (it would be sent unchanged).
        same = other_sql == sql and [
            position for position, (one, other) in enumerate(zip(params, other_params, strict=True)) if one != other
        ] == [position for position, _ in slots]
        if not same or any(other_params[position] != seconds[index] for position, index in slots):
            raise ValueError("This statement's SQL depends on its keys' values: it cannot be compiled once.")
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        return sql, list(params), slots, compiler, converters

    def rows(self, *keys) -> list[tuple]:
        alias = router.db_for_read(self.model)
        if alias not in self.compiled:
            self.compiled[alias] = self._compile(alias)
        sql, params, slots, compiler, converters = self.compiled[alias]
        params = params.copy()
        for position, index in slots:
            params[position] = keys[index]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            return [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows
