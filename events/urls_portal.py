# Placeholder, filled in by the portal work.
from django.urls import path

from .views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("login/", portal.dashboard, name="login"),
    path("confirmation/<str:code>/", portal.confirmation, name="confirmation"),
]
