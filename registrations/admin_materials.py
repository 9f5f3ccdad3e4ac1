"""Training materials on the event's admin page (added to EventAdmin in registrations/admin.py)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem
from people.search import FoldedSearchMixin

from . import materials
from .models import Material


class StoredMaterial:
    """What the file widget shows of a saved file: its name, linked to the staff download (the file has
    no address of its own, being outside MEDIA_ROOT)."""

    def __init__(self, material: Material):
        self.url = reverse("staff:material", args=[material.pk])
        self.name = material.filename

    def __str__(self):
        return self.name


class MaterialFileInput(AdminFileWidget):
    def is_initial(self, value):
        # Django's asks for the file's URL, which a private file has not (PrivateStorage raises).
        return bool(value) and getattr(getattr(value, "instance", None), "pk", None) is not None

    def format_value(self, value):
        return StoredMaterial(value.instance) if self.is_initial(value) else None


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["event", "title", "file", "visibility", "agenda_item", "order"]
        widgets = {"file": MaterialFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "PDF, Word (DOC, DOCX), PowerPoint (PPT, PPTX) or Excel (XLSX), up to %(limit)s MB."
            ) % {"limit": materials.max_material_bytes() // (1024 * 1024)}

    def clean_file(self):
        file = self.cleaned_data["file"]
        if isinstance(file, UploadedFile):  # a new upload; a stored file was checked when it came
            materials.validate_upload(file)
        return file


def _object_id(request) -> str | None:
    """The id in the admin page's address (none on an add page, or for a form built outside a request)."""
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("object_id") if match else None


class MaterialAdminMixin:
    form = MaterialForm
    readonly_fields = ["size_shown", "download_count"]

    def editable(self, request, obj) -> bool:
        return self.has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not self.editable(request, obj):
            # Read-only, the admin would link the file by its URL, which a private file has not.
            fields = ["file_link" if name == "file" else name for name in fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "file_link"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            # Only the event's own items: none until the event is known (save it, or come from its page).
            event_id = self.event_id(request)
            items = AgendaItem.objects.filter(event_id=event_id) if event_id else AgendaItem.objects.none()
            kwargs["queryset"] = items.select_related("speaker")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("size"))
    def size_shown(self, obj):
        return filesizeformat(obj.size) if obj.pk else "—"

    @admin.display(description=_("file"))
    def file_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("staff:material", args=[obj.pk]), obj.filename)


class MaterialInline(MaterialAdminMixin, admin.TabularInline):
    """On the event's page, for whoever may change the event (registrars, who only view it, use the
    materials' own admin below, linked from there)."""

    model = Material
    extra = 0
    fields = ["title", "file", "visibility", "agenda_item", "order", "size_shown", "download_count"]

    def editable(self, request, obj) -> bool:
        # The admin shows an inline read-only when the page's event is (a registrar only views events).
        event_admin = self.admin_site.get_model_admin(self.parent_model)
        return super().editable(request, obj) and event_admin.has_change_permission(request, obj)

    def event_id(self, request):
        return _object_id(request)


@admin.register(Material)
class MaterialAdmin(MaterialAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "event", "visibility", "size_shown", "download_count"]
    list_filter = ["visibility", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    folded_search_fields = ["event__search_text"]
    fields = ["event", "title", "file", "visibility", "agenda_item", "order", "size_shown", "download_count"]

    def event_id(self, request):
        """The material's event, or the one the add page was opened for (?event=<pk>, as the event's page links)."""
        if object_id := _object_id(request):
            return Material.objects.filter(pk=object_id).values_list("event_id", flat=True).first()
        event_id = request.GET.get("event", "")
        return int(event_id) if event_id.isdigit() else None
