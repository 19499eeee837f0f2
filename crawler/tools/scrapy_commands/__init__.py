"""Scrapy commands of the project (``COMMANDS_MODULE``): Scrapy's own, with the project's checks first."""
