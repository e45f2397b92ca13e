"""Verified skills: Open Badges 3.0 credentials issued when a programme is completed."""
