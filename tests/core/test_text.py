from hub.core.text import escape_like, normalize_for_search, search_document


def test_folding_is_unicode_aware_across_scripts():
    assert normalize_for_search("Алматы") == normalize_for_search("алматы") == "алматы"
    assert normalize_for_search("ҚАЗАҚСТАН") == "қазақстан"
    assert normalize_for_search("O‘zbekiston") == normalize_for_search("o‘zbekiston")
    assert normalize_for_search("Straße") == "strasse"


def test_whitespace_is_collapsed_and_trimmed():
    assert normalize_for_search("  Silk \t Road\n Tales ") == "silk road tales"


def test_search_document_joins_distinct_folded_names_then_their_new_skeletons():
    assert search_document(["Астана Хаб", None, "Astana Hub", "astana hub", ""]) == (
        "астана хаб | astana hub | astana hab"
    )
    assert search_document(["Almaty"]) == "almaty | almati"
    assert search_document(["almati"]) == "almati"


def test_like_wildcards_in_user_input_match_themselves():
    assert escape_like("100%_a\\b") == "100\\%\\_a\\\\b"
