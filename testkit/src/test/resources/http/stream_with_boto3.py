"""Streams a chat completion from the Ballast fake with boto3's invoke_endpoint_with_response_stream,
reading the PayloadPart events (server-sent events of TGI's chat.completion.chunk), then provokes a
ModelStreamError in the middle of a stream and an up-front ModelError. Prints key=value lines for the
Java test to check.

usage: python3 stream_with_boto3.py <endpoint-url>
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError, EventStreamError

URL = sys.argv[1]
CHAT = {"messages": [{"role": "user", "content": "How many R's in strawberry?"}], "stream": True}

runtime = boto3.client("sagemaker-runtime", endpoint_url=URL, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")

response = runtime.invoke_endpoint_with_response_stream(
    EndpointName="ep", InferenceComponentName="chat", ContentType="application/json", Body=json.dumps(CHAT))
print("content_type=%s" % response["ContentType"])
print("variant=%s" % response["InvokedProductionVariant"])
events = 0
raw = b""
for event in response["Body"]:
    events += 1
    raw += event["PayloadPart"]["Bytes"]
text = ""
done = False
for line in raw.decode("utf-8").split("\n\n"):
    if not line:
        continue
    data = line[len("data:"):]
    if data == "[DONE]":
        done = True
        continue
    text += json.loads(data)["choices"][0]["delta"]["content"]
print("events_gt_10=%s" % (events > 10))
print("text=%s" % text)
print("done=%s" % done)

response = runtime.invoke_endpoint_with_response_stream(
    EndpointName="ep", InferenceComponentName="broken", ContentType="application/json", Body=b"{}")
parts = []
try:
    for event in response["Body"]:
        parts.append(event["PayloadPart"]["Bytes"].decode("utf-8"))
except EventStreamError as e:
    print("parts_before_error=%s" % ",".join(parts))
    print("stream_error_code=%s" % e.response["Error"]["Code"])
    print("stream_error_message=%s" % e.response["Error"]["Message"])

try:
    runtime.invoke_endpoint_with_response_stream(
        EndpointName="ep", InferenceComponentName="plain", ContentType="application/json", Body=json.dumps(CHAT))
except ClientError as e:
    print("error_code=%s" % e.response["Error"]["Code"])
    print("error_status=%s" % e.response["ResponseMetadata"]["HTTPStatusCode"])
    print("original_status=%s" % e.response.get("OriginalStatusCode"))
