"""The ``crawler`` command (``cli``, one module per sub-command in ``commands/``) and its tools:
the offline demo site, the fixture corpus, the dataset evaluation and the record's JSON Schema."""
