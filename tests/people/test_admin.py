import pytest
from django.urls import reverse

from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["person", "organisation", "membership"])
def test_admin_changelist_and_add_pages_load(editor_client, site, backes, model):
    assert editor_client.get(reverse(f"admin:people_{model}_changelist")).status_code == 200
    assert (
        editor_client.get(reverse(f"admin:people_{model}_changelist") + "?q=Back").status_code
        == 200
    )
    assert editor_client.get(reverse(f"admin:people_{model}_add")).status_code == 200


def test_admin_person_change_page_has_memberships_inline(editor_client, site, backes):
    html = editor_client.get(
        reverse("admin:people_person_change", args=[backes.pk])
    ).content.decode()
    assert "Présidente de la province Sud" in html
    assert "admin-autocomplete" in html


def test_admin_organisation_change_page_loads(editor_client, site, ministry):
    url = reverse("admin:people_organisation_change", args=[ministry.pk])
    assert editor_client.get(url).status_code == 200


def test_admin_refuses_membership_ending_before_it_starts_in_french(editor_client, site, party):
    person = make.person()
    response = editor_client.post(
        reverse("admin:people_membership_add"),
        {
            "person": person.pk,
            "organisation": party.pk,
            "role": "Membre",
            "start_date": "2023-01-01",
            "end_date": "2022-01-01",
        },
    )
    assert response.status_code == 200
    assert "La fin ne peut pas précéder le début de la fonction." in response.content.decode()


def test_admin_autocomplete_finds_organisations(editor_client, site, party):
    url = reverse("admin:autocomplete")
    response = editor_client.get(
        url,
        {
            "term": "Renai",
            "app_label": "people",
            "model_name": "membership",
            "field_name": "organisation",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"].startswith("Renaissance")
