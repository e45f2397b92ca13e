"""Trigram similarity as pg_trgm computes it, so SQLite answers as PostgreSQL does."""

from hypothesis import given
from hypothesis import strategies as st

from hub.core.trigrams import has_similar_words, strict_word_similarity, trigrams, words


def test_words_are_runs_of_letters_and_digits_lower_cased():
    assert list(words("Steppe & Silk: Game-Jam 2025")) == [
        "steppe", "silk", "game", "jam", "2025",
    ]  # fmt: skip
    assert list(words("Алматы, Қазақстан")) == ["алматы", "қазақстан"]


def test_trigrams_pad_each_word_with_two_spaces_in_front_and_one_behind():
    assert trigrams("cat") == {"  c", " ca", "cat", "at "}
    assert trigrams("a b") == {"  a", " a ", "  b", " b "}
    assert trigrams("  !! ") == frozenset()


def test_an_identical_word_is_a_perfect_match_anywhere_in_the_text():
    assert strict_word_similarity("almati", "aigerim sadikova | almati") == 1.0


def test_one_letter_typos_of_five_letter_names_score_about_a_third_or_more():
    assert strict_word_similarity("timr", "timur") == 0.375
    assert round(strict_word_similarity("nursltan", "nursultan nazarbaev"), 4) == 0.5833
    assert round(strict_word_similarity("tixur", "timur"), 4) == 0.3333


def test_scores_are_four_byte_floats_like_postgresql_real():
    # 7/12 as a 4-byte float, not the 8-byte 0.5833333333333334.
    assert strict_word_similarity("nursltan", "nursultan") == 0.5833333134651184


def test_unrelated_or_empty_text_scores_zero():
    assert strict_word_similarity("almati", "tashkent") == 0.0
    assert strict_word_similarity("", "tashkent") == 0.0
    assert strict_word_similarity("almati", "") == 0.0


_text = st.text(alphabet="abcdeklmnorstuаклм |-", max_size=30)


@given(term=_text, text=_text, threshold=st.sampled_from([0.3, 0.45, 0.5, 0.6, 1.0]))
def test_the_quick_match_answers_exactly_as_the_full_similarity(term, text, threshold):
    expected = bool(trigrams(term)) and strict_word_similarity(term, text) >= threshold
    assert has_similar_words(term, text, threshold) == expected
