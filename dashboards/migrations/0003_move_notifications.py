# The notification models moved to the notifications app (notifications/migrations/0001_initial.py) with their
# tables: removed from this app's state only, the database is not touched.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dashboards', '0002_alter_recomputerequest_year'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='NotificationPreference'),
                migrations.DeleteModel(name='SentNotification'),
            ],
            database_operations=[],
        ),
    ]
