"""The sitemap: every public page once per language, each with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefings.models import Directive
from people.models import Organisation

from . import queries


class _PublicSitemap(Sitemap):
    i18n = True
    alternates = True


class StaticSitemap(_PublicSitemap):
    def items(self):
        return ["events:home", "events:event-list", "events:directive-list", "events:search"]

    def location(self, item):
        return reverse(item)


class EventSitemap(_PublicSitemap):
    def items(self):
        # Cancelled events keep their public page (it says they were cancelled), so they are listed.
        # Ordered by key so pages of a large sitemap stay stable between requests.
        return queries.public_events().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class DirectiveSitemap(_PublicSitemap):
    def items(self):
        return Directive.objects.order_by("pk")


class OrganisationSitemap(_PublicSitemap):
    def items(self):
        return Organisation.objects.order_by("pk")


class PersonSitemap(_PublicSitemap):
    def items(self):
        # Only the people who have a public page: speakers and officials of published events.
        return queries.public_people().order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "events": EventSitemap,
    "directives": DirectiveSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}
