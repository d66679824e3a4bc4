"""The staff admin reads in French: page titles with the right article (« Ajout d'un
article », « Modification d'une rubrique »), inline links, and error pages that say what
happened and lead back to the admin."""

import html
import json
import re

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory

from newsroom import admin_titles, errors
from newsroom.articles.models import Section, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


def title_and_h1(response) -> tuple[str, str]:
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    return html.unescape(title.strip()), html.unescape(h1.strip())


# --- The rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "feminine", "action", "expected"),
    [
        ("article", False, "add", "Ajout d'un article"),
        ("article", False, "change", "Modification d'un article"),
        ("rubrique", True, "add", "Ajout d'une rubrique"),
        ("rubrique", True, "change", "Modification d'une rubrique"),
        ("élection", True, "view", "Affichage d'une élection"),
        ("échec de connexion", False, "view", "Affichage d'un échec de connexion"),
    ],
)
def test_french_title_names_one_object_with_its_gender(name, feminine, action, expected):
    assert admin_titles.french_title(name, feminine=feminine, action=action) == expected


def test_inline_link_adds_one_object_with_its_gender():
    assert admin_titles.french_add_another("note", feminine=True) == "Ajouter une note"
    assert admin_titles.french_add_another("tour", feminine=False) == "Ajouter un tour"


def test_every_model_of_the_admin_has_its_gender():
    """A model added to the admin without its gender would show « Ajout de … »."""
    labels = set()
    for model, model_admin in admin.site._registry.items():
        labels.add(model._meta.label)
        labels.update(inline.model._meta.label for inline in model_admin.inlines)
    assert labels - set(admin_titles.FEMININE) == set()


def test_titles_django_did_not_build_are_kept():
    assert admin_titles.admin_title("Changer l'adresse", Section._meta) == "Changer l'adresse"


# --- The pages ---------------------------------------------------------------------------


def test_article_add_and_change_pages_say_un_article(editor_client, section):
    response = editor_client.get("/admin/articles/article/add/")
    assert title_and_h1(response) == ("Ajout d'un article | Rédaction", "Ajout d'un article")

    article = make.article(title="Le second tour", status=Status.DRAFT, published_at=None)
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert title_and_h1(response) == (
        "Le second tour | Modification d'un article | Rédaction",
        "Modification d'un article",
    )


def test_add_button_and_breadcrumb_say_un_article(editor_client, section):
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert re.search(r'class="addlink">\s*Ajouter un article\s*</a>', listing)
    form = editor_client.get("/admin/articles/article/add/").content.decode()
    crumbs = form.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert crumbs.rstrip().endswith("Ajout d&#x27;un article") and "Ajouter article" not in crumbs


def test_feminine_models_say_une(editor_client, section):
    response = editor_client.get("/admin/articles/section/add/")
    assert title_and_h1(response)[1] == "Ajout d'une rubrique"
    response = editor_client.get(f"/admin/articles/section/{section.pk}/change/")
    assert title_and_h1(response)[1] == "Modification d'une rubrique"


def test_superuser_sees_french_titles_on_other_apps(admin_client):
    person = make.person()
    assert title_and_h1(admin_client.get("/admin/people/person/add/"))[1] == (
        "Ajout d'une personne"
    )
    response = admin_client.get(f"/admin/people/person/{person.pk}/change/")
    assert title_and_h1(response)[1] == "Modification d'une personne"
    assert title_and_h1(admin_client.get("/admin/auth/user/add/"))[1] == "Ajout d'un utilisateur"


def test_inline_add_link_is_given_in_french(editor_client, section):
    article = make.article(status=Status.DRAFT, published_at=None)
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    texts = re.search(r'data-inline-add-texts="([^"]*)"', page).group(1)
    assert json.loads(html.unescape(texts)) == {
        "notes": "Ajouter une note de mise à jour ou de correction"
    }


def test_word_count_strings_are_on_the_page(editor_client):
    page = editor_client.get("/admin/articles/article/add/").content.decode()
    assert 'data-words-other="%(count)s mots"' in page
    assert 'data-reading="%(minutes)s min de lecture"' in page


# --- Error pages -------------------------------------------------------------------------


def test_journalist_forbidden_action_gets_a_french_admin_page(journalist_client):
    response = journalist_client.post(
        "/admin/articles/article/add/", {"title": "En douce", "status": Status.PUBLISHED}
    )
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert "<h1>Vous n'avez pas le droit de faire cela</h1>" in page
    assert "rien n'a été enregistré" in page
    assert 'href="/admin/">Retour à l\'accueil de la rédaction' in page
    assert "Forbidden" not in page


@pytest.mark.parametrize("url", ["/admin/articles/article/999999/adresse/", "/admin/rien-par-ici/"])
def test_unknown_admin_page_is_a_french_404_inside_the_admin(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "<h1>Page introuvable</h1>" in page
    assert 'id="site-name"' in page  # the admin's header, not the readers' site
    assert 'href="/admin/">Retour à l\'accueil de la rédaction' in page


def test_reader_404_keeps_the_site_layout(client, site):
    response = client.get("/rien-par-ici/")
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "Page introuvable" in page
    assert 'id="site-name"' not in page


def test_admin_500_is_french_and_leads_back_to_the_admin():
    response = errors.server_error(RequestFactory().get("/admin/articles/article/add/"))
    assert response.status_code == 500
    page = html.unescape(response.content.decode())
    assert "<h1>Une erreur est survenue</h1>" in page
    assert 'href="/admin/">Retour à l\'accueil de la rédaction' in page


def test_reader_500_keeps_the_site_page():
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_expired_admin_form_gets_a_french_page_saying_nothing_was_saved(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", {"title": "Sans jeton"})
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert "La page a expiré : rien n'a été enregistré" in page
    assert "Ce que vous avez saisi n'est pas perdu" in page
    assert "CSRF" not in page


def test_readers_csrf_page_is_french(rf):
    response = errors.csrf_failure(rf.post("/i18n/setlang/"))
    assert response.status_code == 403
    assert "La page a expiré" in response.content.decode()
