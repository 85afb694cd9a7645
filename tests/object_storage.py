"""A local S3-compatible server (moto's standalone server, on loopback) and a bucket in it,
for the tests of documents kept in object storage (docs/adr/0026-documents-in-object-storage.md)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from casereviews.config import Env, documents_storage

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"


@cache
def server_url() -> str:
    """One server for the test process, on a free port of 127.0.0.1, stopped at exit."""
    # Its access log would fill every failing test's output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return f"http://{host}:{port}"


def client() -> Any:
    return boto3.client(
        "s3",
        endpoint_url=server_url(),
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="eu-west-2",
    )


def storage_for(bucket: str) -> dict[str, Any]:
    """The STORAGES entry the service's own configuration builds for this bucket."""
    return documents_storage(
        Env(
            {
                "DOCUMENTS_S3_BUCKET": bucket,
                "DOCUMENTS_S3_ENDPOINT_URL": server_url(),
                "DOCUMENTS_S3_REGION": "eu-west-2",
                "DOCUMENTS_S3_ACCESS_KEY_ID": ACCESS_KEY,
                "DOCUMENTS_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            }
        )
    )


@contextmanager
def bucket_as_storage(settings: Any) -> Iterator[str]:
    """A new, empty bucket as the documents' storage for one test; its name."""
    bucket = f"documents-{uuid.uuid4().hex[:12]}"
    client().create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage_for(bucket)}
    yield bucket


def keys(bucket: str) -> list[str]:
    listed = client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))
