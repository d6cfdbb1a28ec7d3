"""Reads of the coaching app, one module per part (see `baz.coaching.services`)."""
