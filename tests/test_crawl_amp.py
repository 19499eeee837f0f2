

def test_the_copy_stands_when_its_canonical_page_cannot_be_fetched(tmp_path: Path) -> None:
    with Site() as site:
        _site(site)
        site.routes[STORY] = Page(b"<html><body>gone</body></html>", status=404)
        records, stats = _crawl(tmp_path, site.base, 1)
    story = [r for r in records if r["title"] == "Harbour ferry returns after winter"]
    assert len(story) == 1 and story[0]["url"] == site.base + AMP  # nothing lost: the copy is the record
    assert stats["news/errors/http_404"] == 1 and "news/aliases" not in stats
