"""The statutory frameworks a case can be run under, and the words each uses.

A board (a safeguarding partnership, today) runs under one framework at a time, with
effective dates (`casereviews.boards.models.BoardFramework`); a case is judged, named and
timed by the framework in force when it was first submitted, for its whole life
(`Notification.framework`). See docs/adr/0016-frameworks.md.
"""
