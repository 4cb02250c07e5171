"""Scrapy commands that newsingest replaces (COMMANDS_MODULE in newsingest.settings)."""
