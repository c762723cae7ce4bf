"""Field cleaners: dates, people, text, HTML to text. Pure functions, total on odd input."""
