"""The core every domain builds on: settings, database, money, text, the read mapping."""
