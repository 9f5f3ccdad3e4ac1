"""Staff roles as Django groups: editors keep the record, registrars handle delegates and check-in.

An editor never gets a permission on registrations, officers, quotas or registration settings, so the
admin shows them no delegate's personal data. The groups are created, or brought back to exactly
these permissions, after every `migrate` (permissions exist only then): see `EventsConfig.ready`.
The registrar's grants name the models of the registrations app by label only.
"""

import logging

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, router

logger = logging.getLogger(__name__)

EDITOR = "editor"
REGISTRAR = "registrar"

ALL_ACTIONS = ("add", "change", "delete", "view")

# The record of events: everything an editor keeps, besides people.* and briefings.*.
EVENT_RECORD_MODELS = (
    "event",
    "eventseries",
    "eventorganiser",
    "agendaitem",
    "eventofficial",
    "participantgroup",
    "outcome",
    "eventdirective",
    "photo",
    "source",
    "eventrelation",
)

# Reference data that "*" leaves out: provinces and their 2025 lineage come from the statistics office's
# table (load_provinces); editors only read them, superusers alone change them.
REFERENCE_MODELS = {"people": {"province"}}

# role → [(app label, model name or "*" for every model of the app but its reference data, actions)]
ROLES = {
    EDITOR: [
        ("people", "*", ALL_ACTIONS),
        ("people", "province", ("view",)),
        ("briefings", "*", ALL_ACTIONS),
        *(("events", model, ALL_ACTIONS) for model in EVENT_RECORD_MODELS),
    ],
    REGISTRAR: [
        # The models of delegates belong to the registrations app (named here by label: events imports
        # nothing of it).
        ("registrations", "registration", ("view", "change")),
        ("registrations", "registrationchange", ("view",)),
        ("registrations", "officer", ("add", "change", "view")),
        ("registrations", "provincequota", ("add", "change", "view")),
        ("registrations", "registrationsettings", ("add", "change", "view")),
        # The rest of a training's life: its files, survey and certificates (revoking is a change);
        # attendance, answers and notices are written by check-in, delegates and the notice job only.
        ("registrations", "material", ALL_ACTIONS),
        ("registrations", "survey", ALL_ACTIONS),
        ("registrations", "question", ALL_ACTIONS),
        ("registrations", "surveyresponse", ("view",)),
        ("registrations", "answer", ("view",)),
        ("registrations", "surveyreceipt", ("view",)),
        ("registrations", "attendance", ("view",)),
        ("registrations", "certificate", ("view", "change")),
        ("registrations", "notice", ("view",)),
        ("events", "event", ("view",)),
        # The province pickers of the officer and quota forms are autocompletes, which Django answers
        # only to users who may view provinces (reference data, no personal data in it).
        ("people", "province", ("view",)),
    ],
}


def _permissions(grants, using) -> tuple[list[Permission], list[str]]:
    """The permissions `grants` names, and the names of those not (yet) in the database."""
    permissions = Permission.objects.db_manager(using).select_related("content_type")
    found, missing = [], []
    for app_label, model, actions in grants:
        of_app = [p for p in permissions if p.content_type.app_label == app_label]
        if model == "*":
            models = {p.content_type.model for p in of_app} - REFERENCE_MODELS.get(app_label, set())
        else:
            models = {model}
        for name in sorted(models):
            for action in actions:
                codename = f"{action}_{name}"
                match = [p for p in of_app if p.content_type.model == name and p.codename == codename]
                if match:
                    found.extend(match)
                else:
                    missing.append(f"{app_label}.{codename}")
    return found, missing


def _last_app_of_roles() -> str | None:
    labels = {app_label for grants in ROLES.values() for app_label, _model, _actions in grants}
    installed = [config.label for config in django_apps.get_app_configs() if config.label in labels]
    return installed[-1] if installed else None


def ensure_staff_groups(*, using=DEFAULT_DB_ALIAS) -> dict[str, Group]:
    """Create the "editor" and "registrar" groups, or set them back to exactly their permissions.

    Safe to run again: the second run changes nothing. A permission added to a group by hand is
    taken away again, so the roles stay what this module says they are.
    """
    groups = {}
    for name, grants in ROLES.items():
        group, _created = Group.objects.db_manager(using).get_or_create(name=name)
        permissions, missing = _permissions(grants, using)
        if missing:
            logger.warning("Group %s: permissions not found: %s", name, ", ".join(missing))
        group.permissions.set(permissions)
        groups[name] = group
    return groups


def create_staff_groups(sender, *, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver: acts on the signal of the last installed app the roles name (registrations
    after events, people and briefings), when the permissions of all of them exist."""
    if sender.label != _last_app_of_roles():
        return
    if apps is not None:
        try:
            apps.get_model("auth", "Group")
            apps.get_model("auth", "Permission")
        except LookupError:  # auth is not migrated (yet) in this database
            return
    if not router.allow_migrate_model(using, Group):
        return
    ensure_staff_groups(using=using)
