"""How time windows become days since an event (see docs/decisions)."""

DAYS_PER = {"years": 365, "months": 30, "weeks": 7, "days": 1}
"""How time windows become days since an event: a week is 7 days, a month 30 and a year 365."""
