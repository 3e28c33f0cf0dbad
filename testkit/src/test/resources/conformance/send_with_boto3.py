"""Sends the conformance cases through boto3 (its own parameter validation off, so the fake is the
one that judges) and prints, as one JSON list, what each answer was.

usage: python3 send_with_boto3.py <endpoint-url> <cases.json> <answers.json>
cases.json: [{"id": ..., "service": "sagemaker"|"sagemaker-runtime"|"cloudwatch"|"application-autoscaling",
              "operation": "CreateModel", "request": {...AWS JSON form...}}]
"""
import base64
import json
import sys
import time

import boto3
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(parameter_validation=False, retries={"max_attempts": 1, "mode": "standard"})
CLIENTS = {}


def client(service):
    if service not in CLIENTS:
        CLIENTS[service] = boto3.client(service, endpoint_url=URL, region_name="us-east-1",
                                        aws_access_key_id="test", aws_secret_access_key="test", config=CONFIG)
    return CLIENTS[service]


def main():
    with open(sys.argv[2]) as f:
        cases = json.load(f)
    results = []
    for case in cases:
        params = dict(case["request"])
        if case["service"] == "sagemaker-runtime" and isinstance(params.get("Body"), str):
            params["Body"] = base64.b64decode(params["Body"])
        started = time.monotonic()
        try:
            getattr(client(case["service"]), xform_name(case["operation"]))(**params)
            results.append({"id": case["id"], "outcome": "accepted"})
        except ClientError as e:
            results.append({"id": case["id"], "outcome": "error", "code": e.response["Error"].get("Code"),
                            "message": e.response["Error"].get("Message"),
                            "status": e.response["ResponseMetadata"].get("HTTPStatusCode")})
        except Exception as e:  # refused by the client before sending (e.g. an empty URI label)
            results.append({"id": case["id"], "outcome": "client", "message": type(e).__name__})
        took = time.monotonic() - started
        if took > 1:
            print("slow: %.1f s %s" % (took, case["id"]), file=sys.stderr)
    # to a file: a parent that reads our output only once we exit would block us on a full pipe
    with open(sys.argv[3], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
