"""Signals the tracking feature sends, so features above it can react without imports."""

from django.dispatch import Signal

# Sent after a rollup run has written rollup or attribution rows, and again on commit.
rollups_updated = Signal()
