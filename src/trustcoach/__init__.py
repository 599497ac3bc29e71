"""trustcoach: a guided self-reflection program for rebuilding a partner's trust."""

__version__ = "0.1.0"
