"""The checker used by the XSS tests sees what a browser would run."""

import pytest

from .html_checks import csv_formula_cells, html_problems, xml_problems


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        "<iframe></iframe>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>',
    ],
)
def test_the_checker_flags_executable_markup(html):
    assert html_problems(html) != []


def test_the_checker_accepts_our_own_markup():
    html = (
        '<script src="/static/js/a.js" defer></script>'
        '<script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script>'
        '<a href="/article/x/">x</a><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    )
    assert html_problems(html) == []


def test_xml_and_csv_checks():
    assert xml_problems("<rss><title>a &lt;b&gt;</title></rss>") == []
    assert xml_problems("<rss><title>a <b></title></rss>") != []
    assert csv_formula_cells('name,votes\n"=HYPERLINK(""x"")",-3\n') == ['=HYPERLINK("x")']
