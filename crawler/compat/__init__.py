"""Every use of another project's internals, one module per project (``trafilatura``, ``htmldate``,
``scrapy``; ``concurrent`` for the standard library's ``concurrent.futures``). Nothing else in this
repository imports a private name of those projects; each module
has a contract test (``tests/test_compat*.py``) that fails loudly when an upgrade changes what it
relies on, and ``pyproject.toml`` pins each project to the range those tests cover."""
