"""Constituency codes are part of URLs and file names: the admin and every importer refuse a
code no URL can hold, and a legacy row holding one breaks no page."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from elections.models import Constituency, Contest, Election

from .conftest import HEADER

pytestmark = pytest.mark.django_db

BAD_CODES = ["../../Q4", "S/1", "A\u2028B", "98 8", "988\n", "2a", "carte", "-1", "é1"]
NC = "Élections sénatoriales 2023,{code},Nouvelle-Calédonie,2,majoritarian,1,2023-09-24,578,573,,,"


@pytest.mark.parametrize("code", ["988", "2A", "974", "ZZ", "01", "CG001", "988-1", "75_01"])
def test_real_codes_are_accepted(code):
    Constituency(code=code, name="Circonscription").full_clean()


@pytest.mark.parametrize("code", BAD_CODES)
def test_codes_no_url_can_hold_are_refused(code):
    with pytest.raises(ValidationError) as error:
        Constituency(code=code, name="Circonscription").full_clean()
    assert "code" in error.value.message_dict


def test_admin_refuses_a_code_with_a_slash(admin_client):
    response = admin_client.post(
        reverse("admin:elections_constituency_add"),
        {"code": "../../Q4", "name": "Quelque part", "kind": "other"},
    )
    assert response.status_code == 200
    assert "majuscules et en chiffres" in response.content.decode()
    assert not Constituency.objects.exists()


def write(tmp_path, text: str):
    path = tmp_path / "import.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("code", ["S/1", "A\u2028B"])
def test_results_import_refuses_a_bad_code_naming_its_line(tmp_path, code):
    good = NC.format(code="988") + "561,Georges Naturel,LR,LR,351,1955-11-21,,,no"
    bad = NC.format(code=code) + "561,Robert Xowie,FLNKS,FLNKS,210,1962-08-29,,,no"
    path = write(tmp_path, f"{HEADER}\n{good}\n{bad}\n")
    with pytest.raises(CommandError) as error:
        call_command("import_results", path, stdout=io.StringIO())
    assert "ligne 3 : colonne « constituency_code »" in str(error.value)
    assert not Contest.objects.exists() and not Constituency.objects.exists()


def test_constituencies_import_refuses_a_bad_code_naming_its_line(tmp_path):
    path = write(
        tmp_path, "code,nom,sieges,mode_de_scrutin\n988,NC,2,majoritaire\nS/1,X,2,majoritaire\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_constituencies", path, election="Test", stdout=io.StringIO())
    assert "ligne 3 : colonne « code »" in str(error.value)
    assert not Constituency.objects.exists() and not Election.objects.exists()


def test_elected_import_refuses_a_bad_code_naming_its_line(tmp_path, make_contest):
    make_contest(code="988")
    header = "constituency_code,constituency_name,name,party,label,round_or_list"
    path = write(tmp_path, f"{header}\n../../Q4,NC,Ada Martin,,,1\n")
    with pytest.raises(CommandError) as error:
        call_command("import_elected", path, election="Élection test", stdout=io.StringIO())
    assert "ligne 2 : colonne « constituency_code »" in str(error.value)


@pytest.fixture
def legacy_contest(make_contest):
    """A contest whose code was stored before codes were checked."""
    make_contest(code="988")
    contest = make_contest(code="77")
    Constituency.objects.filter(pk=contest.constituency_id).update(code="S/1")
    return Contest.objects.get(pk=contest.pk)


def test_a_code_no_url_can_hold_has_no_url(legacy_contest):
    assert legacy_contest.get_absolute_url() == ""


def test_sitemap_leaves_out_a_contest_no_url_can_hold(client, site, legacy_contest):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - our own response
    text = response.content.decode()
    assert "/elections/election-test/988/" in text
    assert "S%2F1" not in text and "S/1" not in text


def test_pages_listing_a_contest_no_url_can_hold_still_render(client, site, legacy_contest):
    slug = legacy_contest.election.slug
    assert client.get(reverse("elections:election", kwargs={"slug": slug})).status_code == 200
    assert client.get(reverse("elections:map", kwargs={"slug": slug})).status_code == 200
    person = legacy_contest.candidacies.first().person
    assert client.get(person.get_absolute_url()).status_code == 200


def test_results_csv_of_a_code_with_a_line_separator_has_a_safe_file_name(client, make_contest):
    contest = make_contest(code="77")
    Constituency.objects.filter(pk=contest.constituency_id).update(code="A\u2028B")
    url = reverse(
        "elections:contest_csv", kwargs={"slug": contest.election.slug, "code": "A\u2028B"}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="election-test-A_B.csv"'
    assert "A\u2028B" in response.content.decode()
