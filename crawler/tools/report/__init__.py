"""The run-health report of ``crawler report``: ``page`` renders the HTML, ``charts`` its inline SVG."""
