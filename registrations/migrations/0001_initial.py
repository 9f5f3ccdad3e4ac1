"""The delegates' models, moved from the events app (events 0012) with their tables, rows and history.

State only: the tables keep the events app's names (`Meta.db_table`, and `table_name` for the
history), so every row stays where it is. Their content types are relabelled events → registrations,
so permissions (and the groups holding them), admin log entries and history keep pointing at them."""

import django.db.models.deletion
import django.utils.timezone
import registrations.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ["registrationsettings", "provincequota", "officer", "registration", "registrationchange", "historicalregistration"]


def _relabel(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        # A fresh database has no content types yet (post_migrate makes them, with the new label).
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def relabel_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, source="events", target="registrations")


def relabel_content_types_back(apps, schema_editor):
    _relabel(apps, schema_editor, source="registrations", target="events")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('events', '0012_move_registrations_out'),
        ('people', '0008_position_attested_precision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay as they are (db_table keeps their names): only Django's idea of which app
        # owns the models changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Officer',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('province', models.ForeignKey(limit_choices_to={'valid_to__isnull': True}, on_delete=django.db.models.deletion.PROTECT, related_name='officers', to='people.province', verbose_name='province')),
                    ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='officer', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ],
                options={
                    'verbose_name': 'provincial officer',
                    'verbose_name_plural': 'provincial officers',
                    'db_table': 'events_officer',
                },
            ),
            migrations.CreateModel(
                name='Registration',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('family_name', models.CharField(max_length=50, verbose_name='family name')),
                    ('middle_name', models.CharField(blank=True, max_length=100, verbose_name='middle name')),
                    ('given_name', models.CharField(max_length=50, verbose_name='given name')),
                    ('post', models.CharField(help_text='e.g. Phó Giám đốc Sở.', max_length=255, verbose_name='post')),
                    ('organisation', models.CharField(help_text='e.g. Sở Văn hóa và Thể thao.', max_length=255, verbose_name='organisation')),
                    ('gender', models.CharField(choices=[('female', 'female'), ('male', 'male')], max_length=10, verbose_name='gender')),
                    ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone')),
                    ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                    ('consent_at', models.DateTimeField(help_text='When the province confirmed the delegate agreed to the stated purpose.', verbose_name='consent given at')),
                    ('status', models.CharField(choices=[('pending', 'pending'), ('confirmed', 'confirmed'), ('waitlisted', 'waitlisted'), ('rejected', 'rejected'), ('cancelled', 'cancelled'), ('attended', 'attended')], default='pending', max_length=12, verbose_name='status')),
                    ('code', models.CharField(default=registrations.models.new_code, editable=False, max_length=32, unique=True, verbose_name='check-in code')),
                    ('person_key', models.CharField(editable=False, max_length=200)),
                    ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='registered at')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='checked in at')),
                    ('contact_erased_at', models.DateTimeField(blank=True, null=True, verbose_name='contact data erased at')),
                    ('confirmation_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmation e-mail sent at')),
                    ('confirmation_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='failed confirmation e-mails')),
                    ('confirmation_error', models.CharField(blank=True, max_length=100, verbose_name='last e-mail error')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='events.event', verbose_name='event')),
                    ('province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='people.province', verbose_name='province')),
                    ('registered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                    ('replaces', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaced_by', to='registrations.registration', verbose_name='substitute for')),
                ],
                options={
                    'verbose_name': 'registration',
                    'verbose_name_plural': 'registrations',
                    'db_table': 'events_registration',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalRegistration',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('family_name', models.CharField(max_length=50, verbose_name='family name')),
                    ('middle_name', models.CharField(blank=True, max_length=100, verbose_name='middle name')),
                    ('given_name', models.CharField(max_length=50, verbose_name='given name')),
                    ('post', models.CharField(help_text='e.g. Phó Giám đốc Sở.', max_length=255, verbose_name='post')),
                    ('organisation', models.CharField(help_text='e.g. Sở Văn hóa và Thể thao.', max_length=255, verbose_name='organisation')),
                    ('gender', models.CharField(choices=[('female', 'female'), ('male', 'male')], max_length=10, verbose_name='gender')),
                    ('consent_at', models.DateTimeField(help_text='When the province confirmed the delegate agreed to the stated purpose.', verbose_name='consent given at')),
                    ('status', models.CharField(choices=[('pending', 'pending'), ('confirmed', 'confirmed'), ('waitlisted', 'waitlisted'), ('rejected', 'rejected'), ('cancelled', 'cancelled'), ('attended', 'attended')], default='pending', max_length=12, verbose_name='status')),
                    ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='registered at')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                    ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='checked in at')),
                    ('contact_erased_at', models.DateTimeField(blank=True, null=True, verbose_name='contact data erased at')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.event', verbose_name='event')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('province', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.province', verbose_name='province')),
                    ('registered_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                    ('replaces', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrations.registration', verbose_name='substitute for')),
                ],
                options={
                    'verbose_name': 'historical registration',
                    'verbose_name_plural': 'historical registrations',
                    'db_table': 'events_historicalregistration',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='RegistrationChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('from_status', models.CharField(blank=True, choices=[('pending', 'pending'), ('confirmed', 'confirmed'), ('waitlisted', 'waitlisted'), ('rejected', 'rejected'), ('cancelled', 'cancelled'), ('attended', 'attended')], max_length=12, verbose_name='from')),
                    ('to_status', models.CharField(choices=[('pending', 'pending'), ('confirmed', 'confirmed'), ('waitlisted', 'waitlisted'), ('rejected', 'rejected'), ('cancelled', 'cancelled'), ('attended', 'attended')], max_length=12, verbose_name='to')),
                    ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                    ('reason', models.CharField(blank=True, max_length=255, verbose_name='reason')),
                    ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                    ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='registrations.registration', verbose_name='registration')),
                ],
                options={
                    'verbose_name': 'status change',
                    'verbose_name_plural': 'status changes',
                    'db_table': 'events_registrationchange',
                    'ordering': ['at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='RegistrationSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('opens_at', models.DateTimeField(verbose_name='registration opens')),
                    ('closes_at', models.DateTimeField(help_text='The deadline: after it, provinces can no longer register or change.', verbose_name='registration closes')),
                    ('capacity', models.PositiveIntegerField(blank=True, help_text='Seats for the whole event; empty for no limit.', null=True, verbose_name='total capacity')),
                    ('needs_approval', models.BooleanField(default=True, help_text='If ticked, a new delegate is pending until a registrar confirms; if not, confirmed at once.', verbose_name='staff approval needed')),
                    ('keeps_waitlist', models.BooleanField(default=True, help_text='If ticked, delegates over the quota wait for a seat; if not, such a submission is refused.', verbose_name='keep a waiting list')),
                    ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='registration_settings', to='events.event', verbose_name='event')),
                ],
                options={
                    'verbose_name': 'registration settings',
                    'verbose_name_plural': 'registration settings',
                    'db_table': 'events_registrationsettings',
                },
            ),
            migrations.CreateModel(
                name='ProvinceQuota',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('seats', models.PositiveIntegerField(verbose_name='seats')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quotas', to='events.event', verbose_name='event')),
                    ('province', models.ForeignKey(help_text='One of the 34 current provinces and cities.', limit_choices_to={'valid_to__isnull': True}, on_delete=django.db.models.deletion.PROTECT, related_name='quotas', to='people.province', verbose_name='province')),
                ],
                options={
                    'verbose_name': 'province quota',
                    'verbose_name_plural': 'province quotas',
                    'db_table': 'events_provincequota',
                    'ordering': ['province__name'],
                    'constraints': [models.UniqueConstraint(fields=('event', 'province'), name='quota_one_per_province')],
                },
            ),
            migrations.AddIndex(
                model_name='registration',
                index=models.Index(fields=['event', 'province', 'status'], name='events_regi_event_i_9e4ebd_idx'),
            ),
            migrations.AddConstraint(
                model_name='registration',
                constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'confirmed', 'attended', 'waitlisted'])), fields=('event', 'person_key'), name='registration_one_active_per_person'),
            ),
            migrations.AddConstraint(
                model_name='registrationsettings',
                constraint=models.CheckConstraint(condition=models.Q(('closes_at__gt', models.F('opens_at'))), name='registration_closes_after_opening'),
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, relabel_content_types_back),
    ]
