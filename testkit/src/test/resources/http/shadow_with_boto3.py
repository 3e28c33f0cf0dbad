"""Creates an endpoint with a shadow variant on the Ballast fake through boto3, invokes it, and reads
both variants' CloudWatch metrics. Prints key=value lines for the Java test to check.

usage: python3 shadow_with_boto3.py <endpoint-url>
"""
import datetime
import json

from fake_boto3 import client, wait_for

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311"


sm = client("sagemaker")
runtime = client("sagemaker-runtime")
cloudwatch = client("cloudwatch")

for name in ("churn-v1", "churn-v2"):
    sm.create_model(ModelName=name, ExecutionRoleArn=ROLE,
                    PrimaryContainer={"Image": IMAGE, "ModelDataUrl": "s3://my-bucket/" + name + "/model.tar.gz"})
# the shadow's weight over production's is the share of requests copied to it: half
sm.create_endpoint_config(
    EndpointConfigName="cfg",
    ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "churn-v1", "InstanceType": "ml.m5.xlarge",
                         "InitialInstanceCount": 1, "InitialVariantWeight": 1.0}],
    ShadowProductionVariants=[{"VariantName": "churn-v2-shadow", "ModelName": "churn-v2", "InstanceType": "ml.m5.xlarge",
                               "InitialInstanceCount": 1, "InitialVariantWeight": 0.5}])
sm.create_endpoint(EndpointName="ep", EndpointConfigName="cfg")
print("endpoint=" + wait_for(lambda: sm.describe_endpoint(EndpointName="ep"), "EndpointStatus", "InService"))

described = sm.describe_endpoint(EndpointName="ep")
print("production=" + ",".join(v["VariantName"] for v in described["ProductionVariants"]))
shadows = described.get("ShadowProductionVariants", [])
print("shadows=" + ",".join(v["VariantName"] for v in shadows))
print("shadow_instances=" + str(shadows[0]["CurrentInstanceCount"]))
print("shadow_weight=" + str(shadows[0]["CurrentWeight"]))
print("config_shadows=" + ",".join(v["VariantName"] for v in
                                   sm.describe_endpoint_config(EndpointConfigName="cfg")["ShadowProductionVariants"]))

invoked = set()
for i in range(10):
    answer = runtime.invoke_endpoint(EndpointName="ep", ContentType="application/json",
                                     Body=json.dumps({"inputs": "customer " + str(i)}))
    invoked.add(answer["InvokedProductionVariant"])
print("invoked=" + ",".join(sorted(invoked)))


def invocations(variant):
    # the fake's clock starts on 2026-01-01 and runs faster than the wall: a week around it holds every datapoint
    points = cloudwatch.get_metric_statistics(
        Namespace="AWS/SageMaker", MetricName="Invocations",
        Dimensions=[{"Name": "EndpointName", "Value": "ep"}, {"Name": "VariantName", "Value": variant}],
        StartTime=datetime.datetime(2025, 12, 31, tzinfo=datetime.timezone.utc),
        EndTime=datetime.datetime(2026, 1, 8, tzinfo=datetime.timezone.utc),
        Period=86400, Statistics=["Sum"])["Datapoints"]
    return int(sum(p["Sum"] for p in points))


print("production_invocations=" + str(invocations("AllTraffic")))
print("shadow_invocations=" + str(invocations("churn-v2-shadow")))
