# The notification models, moved from the dashboards app with their tables (dashboards_notificationpreference,
# dashboards_sentnotification): created in this app's state only, the database is not touched. On a new database
# dashboards/migrations/0001_initial.py creates the tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """The models' content types (and so their permissions and admin log entries) follow them to this app."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    for model in ('notificationpreference', 'sentnotification'):
        if not ContentType.objects.using(db).filter(app_label='notifications', model=model).exists():
            ContentType.objects.using(db).filter(app_label='dashboards', model=model).update(app_label='notifications')


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    for model in ('notificationpreference', 'sentnotification'):
        if not ContentType.objects.using(db).filter(app_label='dashboards', model=model).exists():
            ContentType.objects.using(db).filter(app_label='notifications', model=model).update(app_label='dashboards')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('dashboards', '0003_move_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at_risk', models.BooleanField(default=True, verbose_name='when a policy of my drafts becomes at risk')),
                        ('missing_campaign', models.BooleanField(default=True, verbose_name='when a draft enters a consultation phase without a communication campaign')),
                        ('weekly_digest', models.BooleanField(default=True, verbose_name='weekly coverage digest (heads of department)')),
                        ('language', models.CharField(choices=[('vi', 'Vietnamese'), ('en', 'English')], default='vi', max_length=8, verbose_name='e-mail language')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'notification preference',
                        'verbose_name_plural': 'notification preferences',
                        'db_table': 'dashboards_notificationpreference',
                    },
                ),
                migrations.CreateModel(
                    name='SentNotification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('at_risk', 'A policy became at risk'), ('missing_campaign', 'A draft entered consultation without a campaign'), ('weekly_digest', 'Weekly coverage digest')], max_length=32)),
                        ('key', models.CharField(help_text='For example at_risk:<policy id>:<phase start>.', max_length=200)),
                        ('sent_on', models.DateField()),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'sent notification',
                        'verbose_name_plural': 'sent notifications',
                        'db_table': 'dashboards_sentnotification',
                        'constraints': [models.UniqueConstraint(fields=('user', 'kind', 'key'), name='sentnotification_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
