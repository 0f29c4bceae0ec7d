"""Allow `python -m audio_edition`."""
from .cli import main

if __name__ == "__main__":
    main()
