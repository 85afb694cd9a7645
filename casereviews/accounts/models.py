"""People who use the service. They sign in with their e-mail address."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_administrator", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A professional who uses the service.

    A user belongs to one organisation and holds roles per board
    (`casereviews.boards.models.RoleGrant`). `is_administrator` is the one global role:
    administrators manage boards, organisations and users, and can read no case content.
    """

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(
        default=True, help_text="A disabled user cannot sign in and their sessions end."
    )
    is_administrator = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name",)
        # The administrators' list of people, a page at a time in name order.
        indexes = [models.Index(fields=("full_name", "id"), name="user_by_name")]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # Django's own admin site is not installed; nobody is "staff".
        return False

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SignInAttempt(models.Model):
    """One attempt to sign in, kept to throttle guessing (`casereviews.accounts.throttling`).

    In the database rather than a cache, so that every web server process sees the same
    count. `email` is what was typed, whether or not it belongs to anyone.
    """

    class Stage(models.TextChoices):
        PASSWORD = "password", "Password"
        SECOND_FACTOR = "second_factor", "Second factor"

    at = models.DateTimeField(db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PASSWORD)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ("at",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.stage} {'ok' if self.succeeded else 'failed'}"


class PasswordResetRequest(models.Model):
    """One "Forgotten your password?" request, kept to throttle them
    (`casereviews.accounts.throttling`) and answered by the worker
    (`casereviews.accounts.password_reset`). `email` is what was typed, lower-cased,
    whether or not it belongs to anyone; `allowed`, whether the throttle let it through;
    `handled_at`, when the worker looked the address up, audited it and, for someone who
    may sign in, queued the e-mail."""

    at = models.DateTimeField(db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    allowed = models.BooleanField(default=False)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("at",)
        indexes = [
            # The worker's queue: the requests not yet answered, oldest first.
            models.Index(
                fields=("id",),
                condition=models.Q(handled_at__isnull=True),
                name="password_reset_unhandled",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} password reset"


class UserSession(models.Model):
    """A session a person signed in with, so that all of them can be ended at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"{self.user} since {self.created_at:%Y-%m-%d %H:%M}"
