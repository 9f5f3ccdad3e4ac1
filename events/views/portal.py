# Placeholder, filled in by the portal work.
from django.http import Http404


def dashboard(request):
    raise Http404


def confirmation(request, code):
    raise Http404
