from django.urls import path

from . import feeds, ics
from .cache import cache_public_page as cached
from .views import public

app_name = "events"

# Every public page is served to anonymous readers from the cache until public content changes
# (events/cache.py).
urlpatterns = [
    path("", cached(public.home), name="home"),
    path("events/", cached(public.event_list), name="event-list"),
    path("events/<slug:slug>/", cached(public.event_detail), name="event-detail"),
    path("events/<slug:slug>.ics", cached(ics.event_ics), name="event-ics"),
    path("series/<slug:slug>/", cached(public.series_detail), name="series-detail"),
    path("calendar.ics", cached(ics.calendar_ics), name="calendar-ics"),
    path("feed/rss/", cached(feeds.EventRssFeed()), name="feed-rss"),
    path("feed/atom/", cached(feeds.EventAtomFeed()), name="feed-atom"),
    path("directives/", cached(public.directive_list), name="directive-list"),
    path("directives/<slug:slug>/", cached(public.directive_detail), name="directive-detail"),
    path("people/", cached(public.person_list), name="person-list"),
    path("people/<slug:slug>/", cached(public.person_detail), name="person-detail"),
    path("organisations/", cached(public.organisation_list), name="organisation-list"),
    path("organisations/<slug:slug>/", cached(public.organisation_detail), name="organisation-detail"),
    path("search/", cached(public.search), name="search"),
]
