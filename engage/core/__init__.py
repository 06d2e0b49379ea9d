"""What every domain shares: time, errors, access rules, languages, the audit trail and layout."""
