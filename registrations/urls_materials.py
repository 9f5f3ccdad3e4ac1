"""Public downloads of training materials, under the language prefix beside the event page they are listed
on (/vi/events/<slug>/materials/<pk>/). Not in the public page cache: each download is counted."""

from django.urls import path

from .views import materials

app_name = "materials"

urlpatterns = [
    path("events/<slug:slug>/materials/<int:pk>/", materials.public_download, name="public"),
]
