"""Publishes a custom metric on the Ballast fake through boto3 (CloudWatch over JSON 1.0), reads it
back with GetMetricData, lists it, finds the alarm on it and provokes two errors. Prints key=value
lines for the Java test to check.

usage: python3 custom_metrics_with_boto3.py <endpoint-url> <minute-epoch-seconds>
"""
import sys
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError

URL = sys.argv[1]
MINUTE = datetime.fromtimestamp(int(sys.argv[2]), tz=timezone.utc)
ORDERS = [{"Name": "Queue", "Value": "orders"}]

cw = boto3.client("cloudwatch", endpoint_url=URL, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


cw.put_metric_data(Namespace="Shop", MetricData=[
    {"MetricName": "QueueDepth", "Dimensions": ORDERS, "Timestamp": MINUTE, "Unit": "Count",
     "Values": [40.0, 120.0], "Counts": [3.0, 1.0]},
    {"MetricName": "QueueDepth", "Dimensions": ORDERS, "Timestamp": MINUTE + timedelta(seconds=60), "Unit": "Count",
     "StatisticValues": {"SampleCount": 2.0, "Sum": 50.0, "Minimum": 20.0, "Maximum": 30.0}},
])

data = cw.get_metric_data(StartTime=MINUTE, EndTime=MINUTE + timedelta(minutes=3), MetricDataQueries=[
    {"Id": "depth", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "QueueDepth", "Dimensions": ORDERS},
                                   "Period": 60, "Stat": "Maximum"}},
    {"Id": "p75", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "QueueDepth", "Dimensions": ORDERS},
                                 "Period": 60, "Stat": "p75", "Unit": "Count"}, "Label": "p75"},
    {"Id": "hidden", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "QueueDepth", "Dimensions": ORDERS},
                                    "Period": 60, "Stat": "Sum"}, "ReturnData": False},
])
depth, p75 = data["MetricDataResults"]
print("depth=%s status=%s label=%s" % ([(iso(t), v) for t, v in zip(depth["Timestamps"], depth["Values"])],
                                       depth["StatusCode"], depth["Label"].split(" ")[0]))
print("p75=%s" % p75["Values"])
print("next_token=%s messages=%s" % ("NextToken" in data, data["Messages"]))

metrics = cw.list_metrics(Namespace="Shop", Dimensions=[{"Name": "Queue"}])["Metrics"]
print("metrics=%s" % ",".join(m["MetricName"] + " " + " ".join(d["Name"] + "=" + d["Value"] for d in m["Dimensions"])
                              for m in metrics))

alarms = cw.describe_alarms_for_metric(Namespace="Shop", MetricName="QueueDepth", Dimensions=ORDERS,
                                       Statistic="Maximum")["MetricAlarms"]
print("alarms=%s" % ",".join(a["AlarmName"] for a in alarms))

try:
    cw.put_metric_data(Namespace="Shop", MetricData=[{"MetricName": "QueueDepth", "Value": 1.0, "Values": [1.0]}])
except ClientError as e:
    print("error_code=%s" % e.response["Error"]["Code"])
    print("error_message=%s" % e.response["Error"]["Message"])

try:
    cw.get_metric_data(StartTime=MINUTE, EndTime=MINUTE + timedelta(minutes=3), MetricDataQueries=[
        {"Id": "a", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "QueueDepth"}, "Period": 60,
                                   "Stat": "Sum"}},
        {"Id": "a", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "QueueDepth"}, "Period": 60,
                                   "Stat": "Sum"}}])
except ClientError as e:
    print("validation_code=%s" % e.response["Error"]["Code"])
