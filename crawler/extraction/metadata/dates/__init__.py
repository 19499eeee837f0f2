"""Publication and modification dates. Dates in comment threads, sidebars, related teasers and the
theme's header are never read.

``choice`` decides (``choose_dates``); ``parsing`` turns strings into ISO dates; each other module
finds dates one way: ``markup`` (JSON-LD, ``<meta>``, microdata, ``<time>``, "Published:" labels),
``datelines`` (date elements and byline blocks printed for readers), ``leadingdate`` (the line after
the headline), ``textscan`` (the article's text), ``htmldate_search`` (htmldate's searches);
``otherdates`` tells the dates that belong to something else (the theme's clock, teasers, comments).
"""
