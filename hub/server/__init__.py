"""The assembled service: root schema, HTTP endpoint, application factory."""
