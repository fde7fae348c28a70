from django import template

from reports import formatting
from reports.renderers import common

register = template.Library()


@register.filter
def cell_text(cell):
    return common.text(cell)


@register.filter
def is_figure(cell):
    return isinstance(cell, (int, common.Percent, common.Money)) and not isinstance(cell, bool)


@register.filter
def vnd_doc(value):
    return formatting.vnd(value)


@register.filter
def percent_doc(value):
    return formatting.percent(value)


@register.filter
def status_doc(value):
    return formatting.status(value)
