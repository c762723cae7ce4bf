"""One story across outlets: copies of one text and independent reports of one event, linked."""
