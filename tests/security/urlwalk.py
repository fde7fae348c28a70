"""Every URL pattern of the project, read from the resolver, with sample values for its parameters.

The deny-by-default walk and the permission matrix both start here, so a URL added anywhere in the project is
seen by both without anyone having to list it by hand first.
"""

from __future__ import annotations

import itertools
import re
import uuid
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, converters, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

# Values tried for a parameter when nothing better is known; the first that matches the pattern wins.
SAMPLE_BY_CONVERTER = {
    converters.IntConverter: "1",
    converters.StringConverter: "sample",
    converters.SlugConverter: "sample",
    converters.PathConverter: "sample",
    converters.UUIDConverter: str(uuid.UUID(int=1)),
}
REGEX_CANDIDATES = ("1", "sample", "json", "MQ", "set-password", "abc-123")


@dataclass
class Endpoint:
    """One URL pattern: its full name (``namespace:name`` or the route when unnamed) and a URL with samples."""

    name: str
    route: str
    params: tuple[str, ...]
    sample_url: str | None = None
    callback: object = field(default=None, repr=False)

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""


def _regex_alternatives(regex: str, group: str) -> list[str]:
    # An admin app index is ``(?P<app_label>accounts|drafts|…)``: its alternatives are the only valid values.
    match = re.search(rf"\(\?P<{re.escape(group)}>([^()]*)\)", regex)
    if match and "|" in match.group(1) and not re.search(r"[\\\[\]*+?.]", match.group(1)):
        return match.group(1).split("|")
    return []


def _fill_regex(pattern: RegexPattern) -> str | None:
    """A concrete string the compiled pattern accepts (whole string for an endpoint, a prefix for an include)."""
    regex = pattern._regex
    for template, params in normalize(regex):
        choices = [_regex_alternatives(regex, p) + list(REGEX_CANDIDATES) for p in params]
        for values in itertools.product(*choices):
            candidate = template % dict(zip(params, values))
            match = pattern.regex.match(candidate)
            if match and match.end() == len(candidate):
                return candidate
    return None


def _part(pattern) -> tuple[str, tuple[str, ...], str | None]:
    """(route text, parameter names, sample text) for one pattern object (route or regex)."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        sample = route
        for name, converter in pattern.converters.items():
            value = SAMPLE_BY_CONVERTER.get(type(converter))
            if value is None:
                value = getattr(converter, "sample", None)
            if value is None:
                return route, tuple(pattern.converters), None
            sample = re.sub(rf"<(?:[^>:]+:)?{re.escape(name)}>", value, sample)
        return route, tuple(pattern.converters), sample
    assert isinstance(pattern, RegexPattern)
    return pattern._regex, tuple(pattern.regex.groupindex), _fill_regex(pattern)


def endpoints() -> list[Endpoint]:
    """Every URL pattern reachable from ROOT_URLCONF, depth first."""
    found: list[Endpoint] = []

    def walk(patterns, prefix_route, prefix_sample, namespace, params):
        for entry in patterns:
            route, own_params, sample = _part(entry.pattern)
            full_route = prefix_route + route
            full_sample = None if prefix_sample is None or sample is None else prefix_sample + sample
            all_params = params + own_params
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, full_route, full_sample, ns, all_params)
            elif isinstance(entry, URLPattern):
                if entry.name:
                    name = f"{namespace}:{entry.name}" if namespace else entry.name
                else:
                    name = f"{namespace}:{full_route}" if namespace else full_route
                url = None if full_sample is None else "/" + full_sample
                found.append(Endpoint(name, full_route, all_params, url, entry.callback))

    walk(get_resolver().url_patterns, "", "", "", ())
    return found
