from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that has none of its own, and the
    admin's looser one (inline styles) under the admin.

    Django 5.2 has no CSP support of its own (it comes in 6.0); one header needs no library.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:  # the URLconf is not loaded yet when middleware is made
            self.admin_prefix = reverse("admin:index")
        policy = (
            settings.CONTENT_SECURITY_POLICY_ADMIN
            if request.path_info.startswith(self.admin_prefix)
            else settings.CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        return response
