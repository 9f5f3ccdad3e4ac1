"""Template tags of the training's life for pages the events app renders (which may not import
registrations): `{% load training %}`."""

from django import template

from .. import materials

register = template.Library()


@register.inclusion_tag("registrations/materials/_public_list.html")
def public_materials(event):
    """The event's public files with their download links; nothing when it has none (one query)."""
    return {"event": event, "materials": list(materials.public_materials(event))}
