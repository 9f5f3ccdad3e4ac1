"""The public verification of certificates, under the language prefix: /vi/certificates/<number>/.

Not in the public page cache: a revocation shows on the next request."""

from django.urls import path

from .views import certificates

app_name = "certificates"

urlpatterns = [
    path("", certificates.lookup, name="lookup"),
    # slug: the number's letters, digits and hyphens; anything else (NUL, spaces) is a 404 before any query.
    path("<slug:number>/", certificates.verify, name="verify"),
]
