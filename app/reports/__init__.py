"""Workbooks and chart figures built from SQL aggregates; no Qt."""
