"""The two-level taxonomy of creative work: sectors, then disciplines."""
