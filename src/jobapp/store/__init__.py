"""Persistence: SQLAlchemy tables, sessions, migrations, exports."""
