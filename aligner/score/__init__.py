"""Scorers for aligned documents: terminology, QA checks and agreement with another version."""
