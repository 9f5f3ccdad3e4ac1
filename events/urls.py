from django.urls import path

from . import feeds, ics
from .views import public

app_name = "events"

urlpatterns = [
    path("", public.home, name="home"),
    path("events/", public.event_list, name="event-list"),
    path("events/<slug:slug>/", public.event_detail, name="event-detail"),
    path("events/<slug:slug>.ics", ics.event_ics, name="event-ics"),
    path("calendar.ics", ics.calendar_ics, name="calendar-ics"),
    path("feed/rss/", feeds.EventRssFeed(), name="feed-rss"),
    path("feed/atom/", feeds.EventAtomFeed(), name="feed-atom"),
    path("directives/", public.directive_list, name="directive-list"),
    path("directives/<slug:slug>/", public.directive_detail, name="directive-detail"),
    path("people/<slug:slug>/", public.person_detail, name="person-detail"),
    path("organisations/<slug:slug>/", public.organisation_detail, name="organisation-detail"),
    path("search/", public.search, name="search"),
]
