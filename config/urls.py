from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from events.sitemaps import SITEMAPS
from events.views import open_data, public

admin.site.site_header = _("TTĐN events — staff")
admin.site.site_title = _("TTĐN events")
admin.site.index_title = _("Records")

handler400 = "events.views.public.bad_request"
handler404 = "events.views.public.page_not_found"

urlpatterns = [
    path("", public.root),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("portal/", include("events.urls_portal")),
    path("staff/", include("events.urls_staff")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", open_data.robots_txt, name="robots"),
]
urlpatterns += i18n_patterns(path("", include("events.urls")))

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
