import pytest

from crawler import NotAnArticle, extract_article


def test_empty_input_is_not_an_article():
    with pytest.raises(NotAnArticle) as err:
        extract_article(b"", "http://example.test/x")
    assert err.value.reason == "empty"
