"""Clientela: a desktop CRM for small sales offices."""

__version__ = "0.1.0"
APP_NAME = "Clientela"
ORG_NAME = "Clientela"
