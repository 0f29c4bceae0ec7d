"""audio-edition: HTML articles in, accessible audio editions out.

The flow runs in one direction (see docs/architecture.md):
load -> extract -> document -> script -> speak -> assemble -> encode -> publish.
"""
import logging
import os

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# onnxruntime (Piper's runtime, and the recogniser's voice detector) reports usage
# unless told not to, and keeps an identifier under ~/.cache: an offline tool sends
# nothing, and runs with a home folder it cannot write. Read when onnxruntime starts.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

__all__ = ["__version__"]
