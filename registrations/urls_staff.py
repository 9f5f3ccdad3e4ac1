"""Staff pages beside the admin, mounted at /staff/: check-in, exports, printable sheets, the report."""

from django.urls import path

from .views import certificates, export_jobs, materials, staff, surveys

app_name = "staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("report/", staff.report, name="report"),
    path("events/<slug:slug>/check-in/", staff.check_in, name="check-in"),
    path("events/<slug:slug>/delegates.csv", staff.export_csv, name="export-csv"),
    path("events/<slug:slug>/delegates.xlsx", staff.export_xlsx, name="export-xlsx"),
    path("events/<slug:slug>/exports/", export_jobs.prepared, name="exports"),
    path("events/<slug:slug>/exports/<int:pk>/", export_jobs.download, name="export-download"),
    path("events/<slug:slug>/attendance/", staff.attendance, name="attendance"),
    path("events/<slug:slug>/badges/", staff.badges, name="badges"),
    path("events/<slug:slug>/survey/", surveys.results, name="survey"),
    path("events/<slug:slug>/survey.csv", surveys.export_csv, name="survey-csv"),
    path("events/<slug:slug>/survey.xlsx", surveys.export_xlsx, name="survey-xlsx"),
    path("events/<slug:slug>/certificates/", certificates.staff_list, name="certificates"),
    path("events/<slug:slug>/certificates.pdf", certificates.staff_pdf, name="certificates-pdf"),
    path(
        "events/<slug:slug>/certificates/<int:province>.pdf",
        certificates.staff_province_pdf,
        name="certificates-province-pdf",
    ),
    path("materials/<int:pk>/", materials.staff_download, name="material"),
]
