"""Page numbers with an explicit ``page_size``: up to ``MAX_PAGE_SIZE``; anything else is refused with a 400
(never clamped or ignored silently), and the schema declares the range."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class PageSizePagination(PageNumberPagination):
    """``PAGE_SIZE`` (REST_FRAMEWORK setting) results unless ``page_size`` asks for 1 to ``MAX_PAGE_SIZE``."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size, "default": self.page_size})
                parameter["description"] = _(
                    "Results per page: %(default)d unless given, at most %(max)d; a value outside 1–%(max)d is "
                    "refused with 400."
                ) % {"default": self.page_size, "max": self.max_page_size}
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
