"""Staff pages beside the admin, mounted at /staff/: check-in, exports, printable sheets, the report."""

from django.urls import path

from .views import staff

app_name = "staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("report/", staff.report, name="report"),
    path("events/<slug:slug>/check-in/", staff.check_in, name="check-in"),
    path("events/<slug:slug>/delegates.csv", staff.export_csv, name="export-csv"),
    path("events/<slug:slug>/delegates.xlsx", staff.export_xlsx, name="export-xlsx"),
    path("events/<slug:slug>/attendance/", staff.attendance, name="attendance"),
    path("events/<slug:slug>/badges/", staff.badges, name="badges"),
]
