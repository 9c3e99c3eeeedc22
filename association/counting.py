"""Counting several querysets with one SQL query: a page that shows many counts."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet


def count_in_one_query(querysets):
    """{key: number of records} for every queryset of the dict `querysets`, in one query.

    The search page's groups, the sitemap index's sections: each COUNT becomes a subquery
    of one SELECT, so the database is asked once, however many there are.
    """
    if not querysets:
        return {}
    aliases = {queryset.db for queryset in querysets.values()}
    if len(aliases) != 1:
        return {key: queryset.count() for key, queryset in querysets.items()}
    connection = connections[aliases.pop()]
    selects, params = [], []
    for queryset in querysets.values():
        # A plain QuerySet: modeltranslation's would add every field to values().
        plain = QuerySet(model=queryset.model, query=queryset.query.chain(), using=queryset.db)
        counting = plain.order_by().values(
            result_count=Func(F("pk"), function="COUNT", output_field=IntegerField())
        )
        try:
            sql, sql_params = counting.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:  # a filter that can match nothing, such as pk__in=[]
            selects.append("0")
            continue
        selects.append(f"({sql})")
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(selects)}{connection.features.bare_select_suffix}", params
        )
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
