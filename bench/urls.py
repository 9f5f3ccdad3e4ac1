from django.urls import path

from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as project_urlpatterns

from . import floors, views

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("bench/hello/", views.hello),
    path("bench/baseline/", views.baseline),
    path("bench/floor/reads/event-list/", floors.reads_only, {"page": "event-list"}),
    path("bench/floor/reads/event/<slug:slug>/", floors.reads_only, {"page": "event"}),
    path("bench/floor/sql/event-list/", floors.sql_only, {"page": "event-list"}),
    path("bench/floor/sql/event/<slug:slug>/", floors.sql_only, {"page": "event"}),
    *project_urlpatterns,
]
