"""The delegates' models move to the registrations app (registrations 0001 takes them over, tables and
rows unchanged): here they leave the events app's state only; no table is touched."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0011_directive_event_count_summary'),
    ]

    operations = [
        # The tables stay as they are (db_table keeps their names): only Django's idea of which app
        # owns the models changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='officer',
                name='province',
            ),
            migrations.RemoveField(
                model_name='officer',
                name='user',
            ),
            migrations.RemoveField(
                model_name='provincequota',
                name='event',
            ),
            migrations.RemoveField(
                model_name='provincequota',
                name='province',
            ),
            migrations.RemoveField(
                model_name='registration',
                name='event',
            ),
            migrations.RemoveField(
                model_name='registration',
                name='province',
            ),
            migrations.RemoveField(
                model_name='registration',
                name='registered_by',
            ),
            migrations.RemoveField(
                model_name='registration',
                name='replaces',
            ),
            migrations.RemoveField(
                model_name='registrationchange',
                name='registration',
            ),
            migrations.RemoveField(
                model_name='registrationchange',
                name='actor',
            ),
            migrations.RemoveField(
                model_name='registrationsettings',
                name='event',
            ),
            migrations.DeleteModel(
                name='HistoricalRegistration',
            ),
            migrations.DeleteModel(
                name='Officer',
            ),
            migrations.DeleteModel(
                name='ProvinceQuota',
            ),
            migrations.DeleteModel(
                name='Registration',
            ),
            migrations.DeleteModel(
                name='RegistrationChange',
            ),
            migrations.DeleteModel(
                name='RegistrationSettings',
            ),
            ],
            database_operations=[],
        ),
    ]
