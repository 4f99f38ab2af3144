"""A share token names one share per site.

Existing installs may hold replayed shares: the earliest row of each (site, token)
is kept, the later ones are deleted, then the constraint is added. The next
``darksocial_rollup`` (and ``darksocial_prune``, for days past the retention period)
recomputes the rollups of the days that lost rows; days already pruned keep theirs.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def delete_replayed_shares(apps, schema_editor):
    Event = apps.get_model("wagtail_darksocial", "Event")
    db = schema_editor.connection.alias
    shares = Event.objects.using(db).filter(event_type="share").exclude(token="")
    earlier = shares.filter(site_id=OuterRef("site_id"), token=OuterRef("token")).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    replayed = list(shares.filter(Exists(earlier)).values_list("pk", flat=True))
    # By primary key, in chunks: a DELETE whose subquery reads the same table is not
    # allowed everywhere, and each IN list stays under SQLite's variable limit.
    for start in range(0, len(replayed), 500):
        Event.objects.using(db).filter(pk__in=replayed[start : start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_darksocial", "0002_site_daily_rollup"),
    ]

    operations = [
        migrations.RunPython(delete_replayed_shares, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(
                condition=models.Q(("event_type", "share"), models.Q(("token", ""), _negated=True)),
                fields=("site", "token"),
                name="darksocial_share_token_unique",
            ),
        ),
    ]
