import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from people.models import Province
from registrations.models import Officer

# user name, what it is, how to make it; the officer belongs to today's Lâm Đồng (code 68)
ACCOUNTS = [
    ("admin", "superuser", {"is_staff": True, "is_superuser": True}),
    ("registrar", "registrar", {"is_staff": True}),
    ("editor", "editor", {"is_staff": True}),
    ("canbo.lamdong", "provincial officer (Tỉnh Lâm Đồng)", {}),
]


class Command(BaseCommand):
    help = "Create or reset the development accounts (admin, registrar, editor, an officer) and print their logins."

    @transaction.atomic
    def handle(self, *args, **options):
        # Fresh random passwords each run unless one is given, so no password sits in the repo.
        given = os.environ.get("DEMO_ADMIN_PASSWORD")
        for username, role, flags in ACCOUNTS:
            password = given or secrets.token_urlsafe(9)
            user, _ = get_user_model().objects.update_or_create(username=username, defaults=flags)
            user.set_password(password)
            user.save()
            if role in ("registrar", "editor"):
                user.groups.set([Group.objects.get(name=role)])
            if username.startswith("canbo."):
                Officer.objects.update_or_create(
                    user=user, defaults={"province": Province.objects.current().get(code="68")}
                )
            where = "/portal/" if username.startswith("canbo.") else "/admin/"
            self.stdout.write(
                self.style.SUCCESS(f"{role}: http://127.0.0.1:8000{where}  user: {username}  password: {password}")
            )
