"""Limits on the text `svgllm` is asked to draw, shared by every entry point (the model, the server, the CLI)."""

# The competition's descriptions are 1 to 200 characters (~50 on average): see shared/competition/README.md.
MIN_DESCRIPTION_CHARS = 1
MAX_DESCRIPTION_CHARS = 200
