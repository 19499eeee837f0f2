"""Small Scrapy-free helpers shared by the extraction core and the crawl machinery: one of each
(date parsing, the site of a URL, ancestor tests, the multilingual label lists, allow/deny matching)."""
