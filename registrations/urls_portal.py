"""The provincial officers' portal, at /portal/ (outside the language prefixes)."""

from django.urls import path

from .views import certificates, materials, portal, surveys

app_name = "portal"

urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("login/", portal.LoginView.as_view(), name="login"),
    path("logout/", portal.LogoutView.as_view(), name="logout"),
    path("password-reset/", portal.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", portal.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        portal.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("password-reset/complete/", portal.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("events/<slug:slug>/", portal.event_registrations, name="event-registrations"),
    path("events/<slug:slug>/register/", portal.register, name="register"),
    path("registrations/<int:pk>/edit/", portal.registration_edit, name="registration-edit"),
    path("registrations/<int:pk>/cancel/", portal.registration_cancel, name="registration-cancel"),
    path("registrations/<int:pk>/substitute/", portal.registration_substitute, name="registration-substitute"),
    # slug is the alphabet of secrets.token_urlsafe: anything else (NUL, which PostgreSQL refuses) is a 404.
    path("confirmation/<slug:code>/", portal.confirmation, name="confirmation"),
    path("confirmation/<slug:code>/certificate.pdf", certificates.delegate_pdf, name="certificate"),
    path("events/<slug:slug>/certificates/", certificates.officer_list, name="certificates"),
    path("events/<slug:slug>/certificates.pdf", certificates.officer_pdf, name="certificates-pdf"),
    path(
        "registrations/<int:pk>/certificate.pdf", certificates.officer_registration_pdf, name="registration-certificate"
    ),
    path("confirmation/<slug:code>/survey/", surveys.answer, name="survey"),
    path("confirmation/<slug:code>/materials/<int:pk>/", materials.delegate_download, name="material"),
    path("events/<slug:slug>/materials/<int:pk>/", materials.officer_download, name="officer-material"),
]
