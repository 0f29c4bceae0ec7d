"""Read: a page becomes the article's structure (load, extract, fusion, document)."""
