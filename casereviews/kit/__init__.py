"""The step kit: one way to build a procedure step (docs/adr/0028-the-step-kit.md,
docs/how-to/add-a-procedure-step.md).

Its foundations sit below the case, so every app may use them: `refusal` (one refusal,
`Refused`, and one permission check, `require`), `dates` (one "a date, not in the
future, not before what it follows" check) and `models` (one recorded-by/recorded-at
base). Its pages (`pages`) sit just above `workflow`."""
