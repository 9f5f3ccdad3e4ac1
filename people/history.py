"""Audit history: every create, change and delete of the record, with who and when.

django-simple-history keeps a copy of the row in a `Historical…` table on every save and delete
(HistoryRequestMiddleware supplies the user of an admin request; a command run outside a request
records none). The admin shows it on each object's "History" page (`people.admin.HistoryAdmin`).
"""

from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords


class History(HistoricalRecords):
    """`HistoricalRecords` whose many-to-many tracking records only real changes, on both sides.

    Django sends "post_add" even when every link added was already there (the demo loader adds
    related events on every run); simple-history would record a version each time. A symmetrical
    relation (an event's related events) changes the other events too, which Django signals for
    one side only: they get a version here as well.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action in ("post_add", "post_remove") and not pk_set:
            return  # nothing was added or removed
        field = instance._meta.get_field(attr)
        symmetrical = action in ("post_add", "post_remove") and field.remote_field.symmetrical
        if symmetrical and action == "post_add":
            # Django writes the mirror rows (other → instance) only after this signal, ignoring
            # rows already there: write them now, so the other side's version holds the new link.
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            mirror = [through(**{source: pk, target: instance.pk}) for pk in pk_set]
            through._default_manager.bulk_create(mirror, ignore_conflicts=True)
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if symmetrical:
            for other in type(instance)._default_manager.filter(pk__in=pk_set).exclude(pk=instance.pk):
                super().m2m_changed(other, action, attr, pk_set, reverse, **kwargs)


# django-simple-history ships no Vietnamese; these are its labels that the admin's history pages
# show, listed here so that `makemessages` keeps them in our catalogue.
SIMPLE_HISTORY_LABELS = [
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("This object doesn't have a change history."),
]
