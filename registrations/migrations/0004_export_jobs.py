# Written by hand (issue 18: large delegate lists exported by a task).

import django.db.models.deletion
import django.utils.timezone
import registrations.models.materials
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0012_move_registrations_out'),
        ('registrations', '0003_training_life'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ExportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('csv', 'CSV'), ('xlsx', 'Excel')], max_length=4, verbose_name='kind')),
                ('status', models.CharField(choices=[('pending', 'being prepared'), ('ready', 'ready'), ('failed', 'failed')], default='pending', max_length=7, verbose_name='status')),
                ('requested_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='requested at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('file', models.FileField(blank=True, storage=registrations.models.materials.private_storage, upload_to='exports/', verbose_name='file')),
                ('rows', models.PositiveIntegerField(blank=True, null=True, verbose_name='rows')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='failed attempts')),
                ('error', models.CharField(blank=True, max_length=100, verbose_name='last error')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to='events.event', verbose_name='event')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'delegate list export',
                'verbose_name_plural': 'delegate list exports',
                'ordering': ['-requested_at', '-pk'],
            },
        ),
    ]
