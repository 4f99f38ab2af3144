"""The events endpoint (``views``), its strict parsing and validation, and its OpenAPI schema."""
