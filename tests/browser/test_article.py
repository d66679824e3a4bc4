import pytest

from newsroom.articles.models import Article
from newsroom.demo import articles as demo
from newsroom.demo import content as demo_content
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_newsroom(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load()


def test_reader_reads_the_defeat_follows_a_related_article_and_copies_a_link(
    live_server, page, demo_newsroom
):
    defeat = Article.objects.get(slug=demo_content.DEFEAT)
    url = live_server.url + defeat.get_absolute_url()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(url)
    assert page.locator("h1").inner_text() == defeat.title
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_text("Publié le").is_visible()

    # The copy button exists only once the script ran; it copies the canonical address.
    page.get_by_role("button", name="Copier le lien").click()
    page.get_by_role("status").filter(has_text="Lien copié").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url

    related = page.locator("section.related .article-card__title a")
    assert related.count() == 4
    title = related.first.inner_text()
    related.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.url != url
    assert page.console_errors == []


def test_share_links_work_without_javascript(live_server, browser, demo_newsroom):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + f"/article/{demo_content.RESIGNATION}/")
    share = page.locator("section.share")
    assert share.get_by_role("link").count() == 6
    assert share.get_by_role("button", name="Copier le lien").is_hidden()
    chain = page.locator("section.story-chain")
    chain.get_by_role("link", name=Article.objects.get(slug=demo_content.DEFEAT).title).click()
    assert page.url.endswith(f"/article/{demo_content.DEFEAT}/")
    close_when_idle(context)


def test_dark_mode_follows_the_system_and_print_keeps_only_the_article(
    live_server, page, demo_newsroom
):
    url = live_server.url + f"/article/{demo_content.DEFEAT}/"
    background = "getComputedStyle(document.body).backgroundColor"
    page.emulate_media(color_scheme="light")
    page.goto(url)
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    page.emulate_media(color_scheme="dark")
    assert page.evaluate(background) == "rgb(20, 20, 20)"
    assert page.locator("h1").is_visible()

    page.emulate_media(media="print", color_scheme="light")
    assert page.locator("h1").is_visible()
    assert page.locator(".article-body").is_visible()
    for hidden in (".site-nav", ".site-footer", "section.share", "section.related"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.console_errors == []
