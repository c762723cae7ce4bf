"""One generic spider per source kind; ``crawler.loader`` binds a source to each."""
