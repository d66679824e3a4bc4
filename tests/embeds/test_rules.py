"""The widgets' pure rules: their height, the consumer's size limits, the codes to paste."""

import pytest

from newsroom.embeds import rules
from newsroom.embeds.rules import Kind


def test_height_grows_with_the_rows_up_to_a_bound():
    assert rules.height(Kind.CONTEST, 3) == rules.height(Kind.CONTEST, 0) + 3 * rules.ROW_HEIGHT
    assert rules.height(Kind.CONTEST, 500) == rules.height(
        Kind.CONTEST, rules.MAX_ROWS[Kind.CONTEST]
    )
    assert rules.height(Kind.ARTICLE, 7) == rules.height(Kind.ARTICLE, 0)


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "²", "999999", " 10"])
def test_a_size_must_be_a_positive_whole_number(value):
    with pytest.raises(rules.BadSize, match="maxwidth"):
        rules.parse_size(value, "maxwidth")


def test_no_size_given_is_no_limit():
    assert rules.parse_size(None, "maxwidth") is None
    assert rules.parse_size("", "maxwidth") is None
    assert rules.parse_size("320", "maxwidth") == 320


def test_the_frame_fits_the_consumer_s_limits():
    assert rules.fitted(600, 400, None, None) == (600, 400)
    assert rules.fitted(600, 400, 320, None) == (320, 400)
    assert rules.fitted(600, 400, 800, 200) == (600, 200)


def frame(src: str = "https://news.example/embed/elections/s/988/") -> rules.Frame:
    return rules.Frame(src=src, title='Nouvelle-Calédonie "988" <b>', height=312)


def test_the_fixed_code_is_one_escaped_frame():
    code = frame().fixed()
    assert code.startswith('<iframe src="https://news.example/embed/elections/s/988/"')
    assert 'title="Nouvelle-Calédonie &quot;988&quot; &lt;b&gt;"' in code
    assert 'height="312"' in code and "<script" not in code


def test_the_responsive_code_heeds_only_its_own_frame_from_our_origin():
    code = frame().responsive()
    assert 'e.origin!=="https://news.example"' in code
    assert f'e.data.type!=="{rules.HEIGHT_MESSAGE}"' in code
    assert "f.contentWindow===e.source" in code
    assert code.count("<script>") == 1 and code.endswith("</script>")


def test_an_origin_cannot_break_out_of_the_script():
    assert rules.js_string('https://x"</script>') == '"https://x\\u0022\\u003c/script\\u003e"'


def test_the_oembed_answer_is_rich_and_sized():
    data = rules.oembed(
        frame=frame(), maxwidth=300, maxheight=None, provider="Newsroom", provider_url="https://n/"
    )
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert (data["width"], data["height"]) == (300, 312)
    assert 'width="300" height="312"' in data["html"]
    assert data["cache_age"] == rules.CACHE_AGE_SECONDS
