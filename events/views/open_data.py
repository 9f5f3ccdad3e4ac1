"""Files for machines rather than readers: robots.txt (feeds, calendars and the sitemap live elsewhere)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {
            # Where the portal will be mounted is not settled yet: keep robots out with or without a language prefix.
            "portal_paths": ["/portal/"] + [f"/{code}/portal/" for code, _name in settings.LANGUAGES],
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
