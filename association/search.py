"""Case-insensitive text search that works for every script, on SQLite as on PostgreSQL.

SQLite folds case for ASCII letters only, so `icontains` would not match "хэйлунцзян"
with "Хэйлунцзян". The `ucontains` lookup folds case with Python's Unicode rules on
SQLite and falls back to `icontains` (UPPER ... LIKE UPPER ...) elsewhere.
"""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, TextField
from django.db.models.lookups import IContains

from association.languages import localized_field_names


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("near_casefold", 1, _casefold, deterministic=True)


class UnicodeIContains(Lookup):
    """`field__ucontains="хэйлун"`: contains, ignoring case in any script."""

    lookup_name = "ucontains"

    def as_sql(self, compiler, connection):
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        params = (*lhs_params, *(_casefold(param) for param in rhs_params))
        return f"instr(near_casefold({lhs_sql}), {rhs_sql}) > 0", params


def install():
    CharField.register_lookup(UnicodeIContains)
    TextField.register_lookup(UnicodeIContains)
    connection_created.connect(_register_sqlite_functions, dispatch_uid="near_casefold")


def multilingual_search_fields(*field_paths, translated=()):
    """Admin `search_fields` over every language's column of the translated fields.

    `translated` are paths to translated fields (``"name"``, ``"host_region__name"``);
    `field_paths` are plain fields searched as they are.
    """
    fields = [f"{path}__ucontains" for path in field_paths]
    for path in translated:
        fields.extend(f"{column}__ucontains" for column in localized_field_names(path))
    return fields
