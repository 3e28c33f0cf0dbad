"""Creates an inference pipeline and a multi-container model invoked directly on the Ballast fake through
boto3, invokes both (TargetContainerHostname for the direct one) and provokes the documented validation
errors. Prints key=value lines for the Java test to check.

usage: python3 multi_container_with_boto3.py <endpoint-url>
"""
import json
import time

from fake_boto3 import client
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1"


sm = client("sagemaker")
runtime = client("sagemaker-runtime")


def deploy(name, containers, mode):
    sm.create_model(ModelName=name, ExecutionRoleArn=ROLE, Containers=containers,
                    InferenceExecutionConfig={"Mode": mode})
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[
        {"VariantName": "AllTraffic", "ModelName": name, "InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 1}])
    sm.create_endpoint(EndpointName=name, EndpointConfigName=name)
    deadline = time.monotonic() + 60
    while sm.describe_endpoint(EndpointName=name)["EndpointStatus"] != "InService":
        if time.monotonic() > deadline:
            raise SystemExit("timed out: " + json.dumps(sm.describe_endpoint(EndpointName=name), default=str))
        time.sleep(0.05)


def error(call):
    try:
        call()
        return "none"
    except ClientError as e:
        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]


deploy("pipe", [{"ContainerHostname": "pre", "Image": IMAGE}, {"ContainerHostname": "post", "Image": IMAGE}], "Serial")
print("pipeline=" + runtime.invoke_endpoint(EndpointName="pipe", ContentType="text/csv", Body=b"1")["Body"].read().decode())
print("pipeline_mode=" + sm.describe_model(ModelName="pipe")["InferenceExecutionConfig"]["Mode"])

deploy("multi", [{"ContainerHostname": "first", "Image": IMAGE}, {"ContainerHostname": "second", "Image": IMAGE}],
       "Direct")
print("direct=" + runtime.invoke_endpoint(EndpointName="multi", ContentType="text/csv", Body=b"1",
                                          TargetContainerHostname="second")["Body"].read().decode())
print("missing=" + error(lambda: runtime.invoke_endpoint(EndpointName="multi", Body=b"1")))
print("unknown=" + error(lambda: runtime.invoke_endpoint(EndpointName="multi", Body=b"1",
                                                          TargetContainerHostname="third")))
print("not_direct=" + error(lambda: runtime.invoke_endpoint(EndpointName="pipe", Body=b"1",
                                                             TargetContainerHostname="pre")))
print("unnamed_direct=" + error(lambda: sm.create_model(
    ModelName="bad", ExecutionRoleArn=ROLE, Containers=[{"Image": IMAGE}, {"Image": IMAGE}],
    InferenceExecutionConfig={"Mode": "Direct"})))
