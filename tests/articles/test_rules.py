import pytest

from newsroom.articles import rules
from newsroom.articles.rules import plain_text, reading_time, story_would_loop, word_count
from newsroom.articles.sanitise import clean_html


def test_word_count_ignores_tags_and_entities():
    assert word_count("<p>Sonia&nbsp;Backès <strong>battue</strong></p><p>au second tour</p>") == 6


def test_reading_time_rounds_up_to_whole_minutes():
    assert reading_time("<p>" + "mot " * 230 + "</p>") == 1
    assert reading_time("<p>" + "mot " * 231 + "</p>") == 2
    assert reading_time("<p>court</p>") == 1


def test_empty_body_has_no_reading_time():
    assert reading_time("") == 0
    assert plain_text("<p> </p>") == ""


def test_sanitiser_removes_scripts_event_handlers_and_javascript_urls():
    dirty = (
        '<p onclick="steal()">Texte<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">lien</a>'
        '<img src="x.png" onerror="alert(1)" alt="x">'
        '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>'
        "<svg><script>alert(1)</script></svg><iframe src=//evil></iframe>"
    )
    clean = clean_html(dirty)
    for forbidden in ["<script", "onclick", "onerror", "javascript:", "data:", "<svg", "<iframe"]:
        assert forbidden not in clean
    assert "<p>Texte</p>" in clean
    assert '<img src="x.png" alt="x">' in clean


def test_sanitiser_keeps_editorial_markup():
    html = (
        '<h2>Au second tour</h2><blockquote cite="https://example.org">'
        "<p>« Trahison »</p></blockquote>"
        '<p><a href="/article/x/">lien interne</a> et <em>italique</em></p>'
    )
    clean = clean_html(html)
    assert "<h2>Au second tour</h2>" in clean
    assert "<blockquote" in clean and "<em>italique</em>" in clean
    assert 'href="/article/x/"' in clean


def test_a_story_loops_when_the_earlier_article_comes_after_the_article():
    # 3 → 2 → 1: naming 3 as the earlier article of 1 would loop.
    previous = {3: 2, 2: 1, 1: None}
    assert story_would_loop(1, 3, previous.get)
    assert story_would_loop(2, 2, previous.get)
    assert not story_would_loop(3, 1, previous.get)
    assert not story_would_loop(None, 3, previous.get)


def test_an_existing_loop_elsewhere_does_not_hang_the_check():
    previous = {2: 3, 3: 2}
    assert not story_would_loop(1, 2, previous.get)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Quinze jours après la condamnation de l'ancien sénateur Joël Guerriau.", ["sénateur"]),
        ("L’ex-sénateur Joël Guerriau a été condamné.", ["sénateur"]),
        ("The former senator Joël Guerriau was sentenced.", ["senator"]),
        ("L'ancienne ministre Joël Guerriau", ["ministre"]),
        ("Le sénateur Joël Guerriau, ancien maire", []),  # « ancien » after the name
        ("L'ancien sénateur a parlé longuement hier soir avec Joël Guerriau.", []),
        ("l'ancien président du groupe LR Joël Guerriau", []),
        ("L'ancien secrétaire d'État Joël Guerriau", ["secrétaire"]),
    ],
)
def test_titles_called_past_right_before_a_name(text, titles):
    assert rules.former_titles(text, "Joël Guerriau") == titles


def test_a_title_word_matches_the_office_whatever_its_gender_or_language():
    assert rules.same_office_word("sénateur", "Sénatrice")
    assert rules.same_office_word("senator", "Membre du Sénat")
    assert not rules.same_office_word("ministre", "Sénateur")
    assert not rules.same_office_word("élu", "Élue municipale")  # too short to tell
