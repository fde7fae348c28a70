"""The list-page behaviour every app shares: django-filter from the query string, whitelisted sorting, paging."""

from django.db.models import F


class FilteredListMixin:
    """For a ``ListView``: ``get_base_queryset`` gives the scoped rows, ``filterset_class`` narrows them and
    ``sort_fields`` maps the public ``sort`` values to model fields (``desc=1`` reverses). Unknown sort values
    fall back to ``default_sort``; an invalid filter form shows its errors and no rows (never a 500)."""

    filterset_class = None
    sort_fields: dict[str, tuple[str, ...]] = {}
    default_sort = ""  # e.g. "-start": a key of sort_fields, "-" for descending

    def get_base_queryset(self):
        raise NotImplementedError

    def get_sort(self) -> tuple[str, bool]:
        key = self.request.GET.get("sort", "")
        if key in self.sort_fields:
            return key, bool(self.request.GET.get("desc"))
        return self.default_sort.lstrip("-"), self.default_sort.startswith("-")

    def get_ordering(self):
        key, desc = self.get_sort()
        fields = self.sort_fields.get(key, ())
        ordering = [F(f).desc(nulls_last=True) if desc else F(f).asc(nulls_last=True) for f in fields]
        return [*ordering, "-pk" if desc else "pk"]

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.get_base_queryset(), request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs.order_by(*self.get_ordering())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        key, desc = self.get_sort()
        ctx["filter"] = self.filterset
        ctx["current_sort"] = f"-{key}" if desc else key
        ctx["is_filtered"] = any(v for k, v in self.request.GET.items() if k not in ("page", "sort", "desc"))
        return ctx
