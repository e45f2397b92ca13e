"""Messages in the caller's language: lazy messages, the supported locales, the catalogs."""
