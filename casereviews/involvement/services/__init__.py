"""Every write of agencies' returns, LISG meetings and the chronology, each in the house
shape: permission through the policy, one atomic change, the timeline, the audit entry,
then deadlines and e-mails."""
