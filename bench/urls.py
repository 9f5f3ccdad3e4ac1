from django.urls import path

from config.urls import handler400, handler404
from config.urls import urlpatterns as project_urlpatterns

from . import views

__all__ = ["handler400", "handler404", "urlpatterns"]

urlpatterns = [
    path("bench/hello/", views.hello),
    path("bench/baseline/", views.baseline),
    *project_urlpatterns,
]
