"""Publish: one episode's files (audio aside), the feed, the player page and the books."""
