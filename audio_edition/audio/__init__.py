"""Audio: clips become one track, its Timeline and its chapters, encoded at podcast loudness."""
