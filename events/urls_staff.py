# Placeholder, filled in by the staff work (check-in, exports, report).
app_name = "staff"

urlpatterns = []
