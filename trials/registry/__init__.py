"""Registry import: the ClinicalTrials.gov shape, importing, the seed data, and criteria drawn from registry text."""
