"""Score pages in the background when they are published (django-tasks).

``queue_score_on_publish`` receives Wagtail's ``page_published`` signal (connected by
``wagtail_hooks``) and, while ``SCORE_ON_PUBLISH`` is on, queues ``score_page_task``
once the publishing transaction has committed, so a worker always finds the revision.
With django-tasks' immediate backend the task runs right there, in the same process.
"""

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail.models import Revision

from ..compat import get_page_model
from ..conf import get_setting
from .service import score_page

Page = get_page_model()


@task()
def score_page_task(page_id, revision_id=None):
    """Score one revision of a page (cached: a second run costs nothing)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
    score = score_page(page, revision, language=settings.LANGUAGE_CODE)
    return {"page": page_id, "score": score.score, "error": score.report.get("error", "")}


def queue_score_on_publish(sender, instance, revision=None, **kwargs):
    """``page_published`` receiver."""
    if not get_setting("SCORE_ON_PUBLISH"):
        return
    page_id, revision_id = instance.pk, getattr(revision, "pk", None)
    transaction.on_commit(lambda: score_page_task.enqueue(page_id, revision_id))
