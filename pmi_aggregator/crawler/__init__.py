"""Crawling: Scrapy settings, spiders per source kind, middlewares, pipelines, state and reports."""
