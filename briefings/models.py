from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.history import History
from people.models import Organisation
from people.search import SearchableModel
from people.text import unique_slug

from .symbols import normalise_symbol, validate_symbol


class Directive(SearchableModel):
    """Any document an event refers to: a Party conclusion, a Government resolution, an ASEAN plan…"""

    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("Conclusion")
        RESOLUTION = "resolution", _("Resolution")
        DIRECTIVE = "directive", _("Directive")
        DECISION = "decision", _("Decision")
        DECREE = "decree", _("Decree")
        PLAN = "plan", _("Plan")
        GUIDANCE = "guidance", _("Guidance")
        PROGRAMME = "programme", _("Programme")
        ASEAN_PLAN = "asean_plan", _("ASEAN plan")
        CONGRESS_DOCUMENT = "congress_document", _("Party congress document")
        OTHER = "other", _("other document")

    # The Vietnamese word a symbol is cited with ("Nghị quyết 47/NQ-CP") is part of the document's
    # name, not interface text, so it is not translated.
    CITATION_WORDS = {
        Kind.CONCLUSION: "Kết luận",
        Kind.RESOLUTION: "Nghị quyết",
        Kind.DIRECTIVE: "Chỉ thị",
        Kind.DECISION: "Quyết định",
        Kind.DECREE: "Nghị định",
        Kind.PLAN: "Kế hoạch",
        Kind.GUIDANCE: "Hướng dẫn",
        Kind.PROGRAMME: "Chương trình",
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    symbol = models.CharField(
        _("symbol"),
        max_length=50,
        blank=True,
        validators=[validate_symbol],
        help_text=_("Số ký hiệu, e.g. 57-KL/TW, 47/NQ-CP or 145/2020/NĐ-CP. Empty for ASEAN plans."),
    )
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make one."))
    issuer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directives",
        verbose_name=_("issuer"),
        help_text=_("e.g. Bộ Chính trị, Chính phủ, or the ASEAN ministers' meeting."),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True, help_text=_("Empty when not checked."))
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    url = models.URLField(_("official text"), blank=True, help_text=_("Link to the official text."))

    history = History()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issue_date", "title"]
        # The public list's order has its own index on PostgreSQL (migration 0003): SQLite cannot index
        # NULLS LAST.
        indexes = [models.Index(fields=["issue_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "issue_date"], condition=~Q(symbol=""), name="directive_symbol_date_unique"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="directive_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.short_name} — {self.title}" if self.symbol else self.title

    def save(self, *args, **kwargs):
        self.symbol = normalise_symbol(self.symbol)
        if not self.slug:
            self.slug = unique_slug(self, self.short_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:directive-detail", kwargs={"slug": self.slug})

    def search_parts(self):
        return [self.short_name, self.title, self.title_en]

    @property
    def short_name(self):
        """ "Nghị quyết 47/NQ-CP"; the title for a document without a symbol."""
        if not self.symbol:
            return self.title
        return f"{self.CITATION_WORDS.get(self.kind, '')} {self.symbol}".strip()

    @property
    def period(self):
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        if self.period_end:
            return _("until %(year)s") % {"year": self.period_end}
        if self.period_start:
            return _("from %(year)s") % {"year": self.period_start}
        return ""

    def clean(self):
        self.symbol = normalise_symbol(self.symbol)
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class DirectiveRelation(models.Model):
    """`source` <kind> `target`, read backwards with the kind's reverse label."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        GUIDES = "guides", _("guides")
        AMENDS = "amends", _("amends")
        REPLACES = "replaces", _("replaces")
        BASED_ON = "based_on", _("is based on")
        CONTINUES = "continues", _("continues")
        RELATED = "related", _("is related to")

    REVERSE_LABELS = {
        Kind.IMPLEMENTS: _("is implemented by"),
        Kind.GUIDES: _("is guided by"),
        Kind.AMENDS: _("is amended by"),
        Kind.REPLACES: _("is replaced by"),
        Kind.BASED_ON: _("is the basis of"),
        Kind.CONTINUES: _("is continued by"),
        Kind.RELATED: _("is related to"),
    }
    SYMMETRIC = {Kind.RELATED}

    source = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("document")
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("other document")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("relation between directives")
        verbose_name_plural = _("relations between directives")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="directive_relation_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="directive_relation_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.source.short_name} {self.get_kind_display()} {self.target.short_name}"

    @property
    def reverse_label(self):
        return self.REVERSE_LABELS[self.kind]

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A document cannot relate to itself.")})
        if (
            self.kind in self.SYMMETRIC
            and self.source_id
            and self.target_id
            and DirectiveRelation.objects.filter(source=self.target_id, target=self.source_id, kind=self.kind)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(_("This relation is already recorded from the other document."))
