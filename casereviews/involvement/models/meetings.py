"""The meetings of a board's Learning and Improvement Sub-Group (Procedure A 4(v)-(vi)):
scheduled ahead by the Business Manager with their members, an agenda of the cases ready
for consideration, the meeting pack, attendance and declared conflicts of interest.

Who sees what follows from these rows (docs/adr/0011-lisg-meetings.md): a LISG member
sees the open cases on the agendas of the meetings they belong to, except a case for
which they declared a conflict of interest."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LisgMeeting(models.Model):
    """A meeting of the LISG. The agencies' returns for the cases on its agenda are due a
    set number of working days before its date (`agency_return_before_meeting`).

    The pack is issued by the Business Manager (`pack_issued_at`); issuing it again after
    the agenda changed makes a new version (`pack_version`), and the members are told of
    each version once."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    place = models.CharField("where", max_length=300, blank=True)
    call_details = models.TextField("how to join by telephone or video call", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    pack_version = models.PositiveSmallIntegerField(default=0)
    pack_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pack_issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("date", "id")
        constraints = [
            models.UniqueConstraint(fields=("board", "date"), name="one_lisg_meeting_per_day")
        ]
        indexes = [models.Index(fields=("board", "date", "id"), name="lisg_meetings_of_board")]

    def __str__(self) -> str:
        return f"LISG meeting on {self.date:%-d %B %Y}"


class LisgMeetingCase(models.Model):
    """The case is on the meeting's agenda; agencies' returns are due before it. A case
    is on one meeting's agenda at a time."""

    meeting = models.ForeignKey(LisgMeeting, on_delete=models.PROTECT, related_name="cases")
    notification = models.OneToOneField(
        "notifications.Notification", on_delete=models.PROTECT, related_name="lisg_meeting_case"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ("meeting", "id")

    def __str__(self) -> str:
        return f"{self.notification} at {self.meeting}"


class Attendance(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Did not attend"


class LisgMeetingMember(models.Model):
    """A person invited to the meeting: a LISG member of the board, or its Independent
    Chair or Business Manager. Their attendance is recorded after the meeting."""

    meeting = models.ForeignKey(LisgMeeting, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lisg_memberships"
    )
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default="", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ("meeting", "id")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "user"), name="one_membership_per_meeting")
        ]
        indexes = [models.Index(fields=("user", "meeting"), name="lisg_meetings_of_member")]

    def __str__(self) -> str:
        return f"Member {self.user_id} of meeting {self.meeting_id}"


class LisgConflict(models.Model):
    """A member's declared conflict of interest in a case: from then on they do not see
    the case, its pack section or its papers. Never edited or removed."""

    meeting = models.ForeignKey(LisgMeeting, on_delete=models.PROTECT, related_name="conflicts")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lisg_conflicts"
    )
    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="lisg_conflicts"
    )
    interest = models.TextField("the interest declared")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField()

    class Meta:
        ordering = ("declared_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("member", "notification"), name="one_conflict_per_member_and_case"
            )
        ]

    def __str__(self) -> str:
        return f"Conflict of {self.member_id} in {self.notification_id}"
