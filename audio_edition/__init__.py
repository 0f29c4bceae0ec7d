"""audio-edition: HTML articles in, accessible audio editions out.

The flow runs in one direction (see docs/architecture.md):
load -> extract -> document -> script -> speak -> assemble -> encode -> publish.
"""
import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
