"""Authors: the byline a reader sees, as a list of people's names in byline order.

``choice`` decides (``choose_authors``) between the visible byline (``byline``), JSON-LD ``author``
and the fallbacks (``fallbacks``: ``<meta>`` tags, the post author's reply); ``names`` turns byline
text into people's names.
"""
