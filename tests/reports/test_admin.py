"""Around the dashboard: the Reports menu, the group editor and the admin home panel."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.users.forms import GroupForm

from .conftest import HOSTILE_SCRIPT

DASHBOARD = reverse("wagtail_darksocial_admin:dashboard")


def test_permission_is_offered_in_the_group_editor(client, superuser):
    permission = Permission.objects.get(codename="view_darksocial_reports")
    assert permission in GroupForm().fields["permissions"].queryset
    client.force_login(superuser)
    html = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert f'value="{permission.pk}"' in html
    assert "Can view dark social reports" in html


def test_group_editor_form_assigns_the_permission(db):
    permission = Permission.objects.get(codename="view_darksocial_reports")
    form = GroupForm({"name": "Marketing", "permissions": [permission.pk]})
    assert form.is_valid(), form.errors
    assert list(form.save().permissions.all()) == [permission]


def test_reports_menu_item_only_for_permitted_users(client, analyst, editor):
    client.force_login(analyst)
    assert DASHBOARD in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert DASHBOARD not in response.content.decode()


def test_home_panel_for_permitted_users(client, analyst, dataset):
    client.force_login(analyst)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="darksocial-summary-section"' in html
    # The data set's shares are 4 and 5 days old: all inside the last 7 days.
    assert "75% of your social traffic is dark" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_SCRIPT not in html
    edit_p2 = reverse("wagtailadmin_pages:edit", args=[dataset.p2.pk])
    assert html.index(edit_p2) < html.index(
        reverse("wagtailadmin_pages:edit", args=[dataset.p1.pk])
    )


def test_home_panel_hidden_without_the_permission(client, editor, dataset):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "darksocial-summary" not in html
    assert "social traffic is dark" not in html
