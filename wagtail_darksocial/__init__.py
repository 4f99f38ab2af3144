"""Make dark social measurable on Wagtail sites."""

__version__ = "0.1.0"
