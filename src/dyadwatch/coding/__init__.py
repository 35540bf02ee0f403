"""Text to events: documents in, CAMEO/PLOVER events out (see document.py for the contract)."""
