"""What the boto3 scripts of these tests share: clients of the Ballast fake whose address is the
script's first argument (test credentials, us-east-1), and a wait for a resource's status."""
import json
import sys
import time

import boto3

URL = sys.argv[1]


def client(service):
    return boto3.client(service, endpoint_url=URL, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def wait_for(describe, key, wanted, limit_seconds=60):
    """Polls describe() until its key is wanted; exits the script on Failed or after limit_seconds.
    The server runs the fake at a time scale, so a few wall-clock seconds cover minutes of SageMaker."""
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        status = describe()[key]
        if status == wanted:
            return status
        if status == "Failed":
            raise SystemExit("failed: " + json.dumps(describe(), default=str))
        time.sleep(0.05)
    raise SystemExit("timed out waiting for " + wanted)
