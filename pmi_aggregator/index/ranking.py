"""Ranking constants shared by the backends, so both weigh a match the same way."""

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
"""BM25 column weights: a word in the title says more about the article than one in the body."""
