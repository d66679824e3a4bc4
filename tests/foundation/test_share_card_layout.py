"""Share cards' layout, without drawing: lines wrapped and cut to fit, the rows that fit
with « + k autres », no figure drawn where none is known. Text is measured as 10 px a
character (20 px in bold), or with the real fonts where the result depends on them."""

from newsroom.share_card import draw
from newsroom.share_card.layout import (
    CHECK,
    ELLIPSIS,
    HEIGHT,
    INNER,
    WIDTH,
    Box,
    HeadlineCard,
    ResultsCard,
    Row,
    Text,
    headline_layout,
    more_text,
    results_layout,
    shown_rows,
    title_lines,
    truncate,
    wrap,
)


def chars(text: str) -> int:
    return 10 * len(text)


def fixed(text: str, size: int, bold: bool) -> int:
    return len(text) * (20 if bold else 10)


def texts(ops: list) -> list[str]:
    return [op.text for op in ops if isinstance(op, Text)]


def test_a_text_that_fits_is_kept_whole():
    assert truncate("Robert Xowie", 120, chars) == "Robert Xowie"


def test_a_text_too_long_ends_with_an_ellipsis_and_fits():
    cut = truncate("Union pour un mouvement populaire", 150, chars)
    assert cut.endswith(ELLIPSIS) and chars(cut) <= 150
    assert cut == "Union pour un…"  # at a word, not mid-word


def test_a_single_long_word_is_cut_mid_word():
    cut = truncate("Anticonstitutionnellement", 100, chars)
    assert cut == "Anticonst…" and chars(cut) <= 100


def test_wrap_breaks_at_words_within_the_width():
    lines, cut = wrap("Sonia Backès battue par Robert Xowie aux sénatoriales", 250, chars, 4)
    assert not cut
    assert lines == ["Sonia Backès battue par", "Robert Xowie aux", "sénatoriales"]
    assert all(chars(line) <= 250 for line in lines)


def test_wrap_cuts_the_last_line_when_the_text_needs_more_lines():
    text = " ".join(["mot"] * 40)
    lines, cut = wrap(text, 100, chars, 3)
    assert cut and len(lines) == 3
    assert lines[-1].endswith(ELLIPSIS)
    assert all(chars(line) <= 100 for line in lines)


def test_wrap_cuts_a_word_wider_than_a_line():
    lines, cut = wrap("Le https://example.org/un/chemin/tres/long", 150, chars, 4)
    assert cut and lines[0] == "Le" and lines[-1].endswith(ELLIPSIS)
    assert all(chars(line) <= 150 for line in lines)


def test_a_long_title_gets_a_smaller_size_before_being_cut():
    short = title_lines("Backès battue", draw.measure)
    long = title_lines(" ".join(["Nouvelle-Calédonie"] * 12), draw.measure)
    assert short[0] == 64 and len(short[1]) == 1
    assert long[0] < 64
    assert all(draw.measure(line, long[0], True) <= INNER for line in long[1])


def rows(count: int, elected: tuple[int, ...] = ()) -> list[Row]:
    return [
        Row(name=f"Candidat {n}", votes=f"{100 - n} voix", share="1 %", fraction=0.01)
        if n not in elected
        else Row(name=f"Candidat {n}", votes="1 voix", share="1 %", fraction=0.01, elected=True)
        for n in range(count)
    ]


def test_rows_that_fit_are_shown_and_the_others_counted():
    assert shown_rows(rows(4), 6) == (rows(4), 0)
    shown, hidden = shown_rows(rows(9), 5)
    assert [row.name for row in shown] == [f"Candidat {n}" for n in range(5)]
    assert hidden == 4


def test_an_elected_row_is_never_left_out_for_a_beaten_one():
    shown, hidden = shown_rows(rows(9, elected=(8,)), 5)
    assert [row.name for row in shown][-1] == "Candidat 8"
    assert len(shown) == 5 and hidden == 4


def card(**overrides) -> ResultsCard:
    fields = {
        "kicker": "Élections sénatoriales 2023",
        "title": "Nouvelle-Calédonie (988)",
        "state": "Proclamé le 24 septembre 2023",
        "site": "Newsroom",
        "rows": rows(3, elected=(0,)),
    }
    return ResultsCard(**fields | overrides)


def test_more_rows_than_fit_end_with_plus_k_autres():
    _background, ops = results_layout(card(rows=rows(10)), fixed)
    written = texts(ops)
    assert "+ 5 autres" in written  # 5 rows and the "+ 5 autres" line fill the 6 lines
    assert [t for t in written if t.startswith("Candidat")] == [f"Candidat {n}" for n in range(5)]
    # One row too many takes the line of "+ k autres" with it.
    assert "+ 2 autres" in texts(results_layout(card(rows=rows(7)), fixed)[1])
    assert more_text(1) == "+ 1 autre"
    assert not any(t.startswith("+ ") for t in texts(results_layout(card(rows=rows(6)), fixed)[1]))


def test_an_elected_row_is_checked_and_bold():
    _background, ops = results_layout(card(), fixed)
    [name] = [op for op in ops if isinstance(op, Text) and op.text == "Candidat 0"]
    assert name.bold
    assert any(isinstance(op, Text) and op.text == CHECK and op.y == name.y for op in ops)
    [beaten] = [op for op in ops if isinstance(op, Text) and op.text == "Candidat 1"]
    assert not beaten.bold


def test_bars_are_as_long_as_the_share():
    half = Row(name="A", votes="50 voix", share="50 %", fraction=0.5, colour="#123456")
    _background, ops = results_layout(card(rows=[half]), fixed)
    [bar] = [op for op in ops if isinstance(op, Box) and op.colour == "#123456"]
    assert bar.width == INNER // 2


def test_without_figures_the_card_says_so_and_draws_no_figure():
    proclaimed = Row(name="Georges Naturel", detail="Les Loyalistes", elected=True)
    _background, ops = results_layout(
        card(rows=[proclaimed], empty="Aucun résultat saisi", state="Pas encore de résultats"),
        fixed,
    )
    written = texts(ops)
    assert "Aucun résultat saisi" in written and "Georges Naturel" in written
    assert not any("%" in text or "voix" in text for text in written)
    assert not any(isinstance(op, Box) and op.height == 6 for op in ops)  # no bar


def test_everything_is_drawn_inside_the_card():
    long = "Une circonscription au nom vraiment très long " * 4
    many = [Row(name=long, detail=long, votes="12 345 voix", share="12,34 %") for _ in range(9)]
    _background, ops = results_layout(card(title=long, kicker=long, rows=many), draw.measure)
    for op in ops:
        if isinstance(op, Text):
            width = draw.measure(op.text, op.size, op.bold)
            left = op.x - width if op.align == "right" else op.x
            assert 0 <= left <= WIDTH - width, op
            assert op.y + op.size <= HEIGHT, op


def test_a_headline_card_stacks_the_title_above_the_site_name():
    ops = headline_layout(
        HeadlineCard(title="Sonia Backès battue", label="Politique · Sénatoriales", site="N"),
        fixed,
    )
    label, title, site = (op for op in ops if isinstance(op, Text))
    assert (label.text, title.text, site.text) == ("Politique · Sénatoriales", title.text, "N")
    assert label.y < title.y < site.y
