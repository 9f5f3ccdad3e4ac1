from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from people.admin import WIDE_TEXT_INPUTS, HistoryAdmin
from people.search import FoldedSearchMixin

from .models import Directive, DirectiveRelation


class RelationInline(admin.TabularInline):
    model = DirectiveRelation
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name = _("relation to another document")
    verbose_name_plural = _("relations to other documents")


class IncomingRelationInline(admin.TabularInline):
    """The same relations read from the other side, so an editor sees both directions."""

    model = DirectiveRelation
    fk_name = "target"
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["source", "kind_reversed", "note"]
    readonly_fields = ["source", "kind_reversed", "note"]
    verbose_name_plural = _("relations from other documents")

    @admin.display(description=_("relation"))
    def kind_reversed(self, obj):
        return obj.reverse_label if obj.pk else ""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


@admin.register(Directive)
class DirectiveAdmin(FoldedSearchMixin, HistoryAdmin):
    list_display = ["short_name", "title", "kind", "issuer", "issue_date", "period"]
    list_display_links = ["short_name", "title"]
    list_filter = ["kind", "issuer"]
    list_select_related = ["issuer"]
    autocomplete_fields = ["issuer"]
    date_hierarchy = "issue_date"
    inlines = [RelationInline, IncomingRelationInline]
    formfield_overrides = WIDE_TEXT_INPUTS
    fieldsets = [
        (None, {"fields": ["kind", "symbol", "issue_date", "issuer", "title", "title_en", "slug"]}),
        (_("Content"), {"fields": ["period_start", "period_end", "summary", "summary_en", "url"]}),
    ]

    @admin.display(description=_("document"), ordering="symbol")
    def short_name(self, obj):
        return obj.short_name

    @admin.display(description=_("period"))
    def period(self, obj):
        return obj.period


@admin.register(DirectiveRelation)
class DirectiveRelationAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "note"]
    list_filter = ["kind"]
    list_select_related = ["source", "target"]
    autocomplete_fields = ["source", "target"]
