"""How time windows become days since an event (docs/decisions/0041-windows-in-months-and-years-are-calendar-months-and-years.md)."""

DAYS_PER = {"weeks": 7, "days": 1}
"""Windows counted in whole days: a week is 7 days. Months and years are calendar months and years, kept as such
on the criterion (`Criterion.time_unit`), never 30 or 365 days."""
