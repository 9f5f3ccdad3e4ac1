from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from config.media import serve  # Django's, with a file name too long for the disk a 404
from events.cache import cache_public_page as cached
from events.sitemaps import SITEMAPS
from events.sitemaps import index as sitemap_index
from events.views import open_data, public

admin.site.site_header = _("TTĐN events — staff")
admin.site.site_title = _("TTĐN events")
admin.site.index_title = _("Records")

handler400 = "events.views.public.bad_request"
handler404 = "events.views.public.page_not_found"
handler500 = "config.middleware.server_error"

urlpatterns = [
    path("", public.root),
    path("language/<str:language>/", public.switch_language, name="switch-language"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("portal/", include("registrations.urls_portal")),
    path("staff/", include("registrations.urls_staff")),
    # An index of sitemap pages (events/sitemaps.py), both kept in the public page cache.
    path(
        "sitemap.xml",
        cached(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", cached(sitemaps.sitemap), {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", open_data.robots_txt, name="robots"),
]
urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("registrations.urls_materials")),
    path("certificates/", include("registrations.urls_certificates")),
)

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
