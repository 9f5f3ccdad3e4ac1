"""Uploaded files served by Django itself (DJANGO_SERVE_MEDIA), for a small deployment without a web server."""

from django.http import Http404
from django.views import static


def serve(request, path, document_root=None, show_indexes=False):
    """Django's static serve, but a name the file system refuses (longer than it allows) is a 404.

    pathlib's exists() and is_dir() swallow some OSErrors, not ENAMETOOLONG, so Django's view lets it through.
    """
    try:
        return static.serve(request, path, document_root=document_root, show_indexes=show_indexes)
    except OSError as error:
        raise Http404(path) from error
