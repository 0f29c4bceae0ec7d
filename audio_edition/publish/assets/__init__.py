"""Static assets of the player page (CSS and script, inlined into each page)."""
