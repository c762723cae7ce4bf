"""What this tool knows of migrant-worker news: relevance now; tags and stories follow."""
