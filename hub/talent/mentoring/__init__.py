"""Mentorship pairings between mentors and young creators, within each mentor's capacity."""
