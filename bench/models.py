from django.db import models


class BaselineRow(models.Model):
    """A 10,000-row table for the bare Django baseline: one query, 20 rows, one small template."""

    title = models.CharField(max_length=200)
    created_on = models.DateField()

    class Meta:
        ordering = ["-created_on", "pk"]
        # The baseline reads the newest rows through an index, as the project's lists do.
        indexes = [models.Index(fields=["-created_on", "id"], name="bench_basel_created_idx")]

    def __str__(self):
        return self.title
