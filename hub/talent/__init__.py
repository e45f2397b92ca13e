"""The Talent Factory: programmes hosted by organisations and taught by mentors, applied to
by creators."""
