"""Creators: young talents and seasoned professionals, their skills, languages and ties."""
