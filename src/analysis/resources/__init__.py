"""Plain-text and TOML resources shipped with policy-lens (read with importlib.resources)."""
