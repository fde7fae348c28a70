"""Parts of the page chrome rendered once per process instead of on every request.

    {% load fragments %}
    {% nav_section request.path as section %}
    {% memo "nav" section %} … {% endmemo %}

``memo`` renders its content the first time its key is met and returns the same text afterwards. The key is where
the tag stands (template and line), the active language, and the values given after the name. The content must
depend on nothing else but the code: URLs reversed without arguments (a deployment serves one script prefix),
static file URLs, translated labels. Never put anything about the user or the request inside (names, CSRF tokens,
paths, query strings, messages) unless it is one of the values: it would be shown to the next user.

Nothing is kept with DEBUG on, so template edits show at once in development. A process keeps at most
MAX_FRAGMENTS fragments (a key built from unbounded values would otherwise grow without end).
"""

import threading

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

MAX_FRAGMENTS = 256
_fragments: dict[tuple, str] = {}
_lock = threading.Lock()

# The main navigation's sections, by path prefix (the first match wins): what base.html marks as active.
NAV_SECTIONS = (
    ("/dashboards/", "dashboards"),
    ("/drafts/policies/", "policies"),
    ("/drafts/", "drafts"),
    ("/campaigns/activities", "activities"),
    ("/reports/", "reports"),
)


@register.simple_tag
def nav_section(path: str) -> str:
    """The main navigation entry a path belongs to ("" for none)."""
    if path == "/campaigns/":
        return "campaigns"
    for prefix, section in NAV_SECTIONS:
        if path.startswith(prefix):
            return section
    return ""


class MemoNode(template.Node):
    def __init__(self, nodelist, vary):
        self.nodelist = nodelist
        self.vary = vary

    def render(self, context):
        if settings.DEBUG:
            return self.nodelist.render(context)
        # Where the tag stands (template and line), the language, and the values it varies on.
        key = (
            self.origin.name, self.token.lineno, translation.get_language(), *(str(v.resolve(context)) for v in self.vary)
        )
        html = _fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            with _lock:
                if len(_fragments) >= MAX_FRAGMENTS:
                    _fragments.clear()
                _fragments[key] = html
        # The output of our own auto-escaping template (docs/security.md, "Static analysis").
        return mark_safe(html)  # nosec B308 B703


@register.tag
def memo(parser, token):
    """{% memo "name" value … %} … {% endmemo %}: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'memo' needs a name, then the values its content depends on.")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


def clear() -> None:
    with _lock:
        _fragments.clear()
