"""The ground floor: machinery every app shares (Vietnamese text, images, querysets, cache, admin and import bases)."""
