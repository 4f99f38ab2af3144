"""Scores are computed in a django-tasks task when a page is published."""

from django.test import override_settings

from wagtail_darksocial.models import PageScore
from wagtail_darksocial.shareability.tasks import score_page_task

from .conftest import GOOD_TITLE


def test_publishing_queues_a_task_that_stores_the_score(
    weak_page, analyses, django_capture_on_commit_callbacks
):
    weak_page.title = GOOD_TITLE
    revision = weak_page.save_revision()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revision.publish()
    assert len(callbacks) >= 1
    score = PageScore.objects.get(page=weak_page, revision=revision)
    assert analyses.count == 1
    assert score.report["preview"]["title"] == GOOD_TITLE
    assert set(score.report["messages"]) == {"en"}  # settings.LANGUAGE_CODE


def test_nothing_is_queued_before_the_transaction_commits(weak_page, analyses):
    weak_page.save_revision().publish()  # the test's transaction never commits
    assert analyses.count == 0
    assert not PageScore.objects.exists()


@override_settings(WAGTAIL_DARKSOCIAL={"SCORE_ON_PUBLISH": False})
def test_score_on_publish_can_be_turned_off(weak_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        weak_page.save_revision().publish()
    assert not PageScore.objects.exists()


def test_the_task_scores_the_given_revision_once(good_page, analyses):
    revision = good_page.live_revision
    result = score_page_task.enqueue(good_page.pk, revision.pk)
    assert result.status == "SUCCESSFUL"
    assert result.return_value["score"] >= 70
    score_page_task.enqueue(good_page.pk, revision.pk)
    assert analyses.count == 1
    assert PageScore.objects.get(page=good_page).revision_id == revision.pk


def test_the_task_ignores_a_deleted_page(db):
    assert score_page_task.enqueue(987654, None).return_value is None
