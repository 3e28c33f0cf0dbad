"""Deploys an endpoint and an inference component on the Ballast fake through boto3, invokes it,
sets an alarm, tags the endpoint, lists the configs and describes everything. Prints key=value lines
for the Java test to check.

usage: python3 deploy_with_boto3.py <endpoint-url>
"""
import datetime
import json

from fake_boto3 import client, wait_for
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0"


sm = client("sagemaker")
runtime = client("sagemaker-runtime")
cw = client("cloudwatch")
aas = client("application-autoscaling")

sm.create_endpoint_config(
    EndpointConfigName="cfg", ExecutionRoleArn=ROLE,
    ProductionVariants=[{"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1,
                         "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 1,
                                                    "MaxInstanceCount": 2}}])
sm.create_endpoint(EndpointName="ep", EndpointConfigName="cfg", Tags=[{"Key": "team", "Value": "ml"}])
print("endpoint=" + wait_for(lambda: sm.describe_endpoint(EndpointName="ep"), "EndpointStatus", "InService"))

sm.create_inference_component(
    InferenceComponentName="ic", EndpointName="ep", VariantName="AllTraffic",
    Specification={"Container": {"Image": IMAGE, "Environment": {"HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct",
                                                               "MESSAGES_API_ENABLED": "true"}},
                   "ComputeResourceRequirements": {"NumberOfAcceleratorDevicesRequired": 1,
                                                   "MinMemoryRequiredInMb": 1024}},
    RuntimeConfig={"CopyCount": 1})
print("component=" + wait_for(lambda: sm.describe_inference_component(InferenceComponentName="ic"),
                              "InferenceComponentStatus", "InService"))

answer = runtime.invoke_endpoint(
    EndpointName="ep", InferenceComponentName="ic", ContentType="application/json",
    Body=json.dumps({"messages": [{"role": "user", "content": "How many R are in STRAWBERRY?"}]}))
print("invoked_variant=" + answer["InvokedProductionVariant"])
print("invoke_body_is_json=" + str(bool(json.loads(answer["Body"].read()))))

cw.put_metric_alarm(AlarmName="ep-4xx", Namespace="AWS/SageMaker", MetricName="Invocation4XXErrors",
                    Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=5.0,
                    ComparisonOperator="GreaterThanThreshold",
                    Dimensions=[{"Name": "InferenceComponentName", "Value": "ic"}])
alarm = cw.describe_alarms(AlarmNames=["ep-4xx"])["MetricAlarms"][0]
print("alarm=" + alarm["AlarmName"] + " threshold=" + str(alarm["Threshold"])
      + " dimension=" + alarm["Dimensions"][0]["Name"] + ":" + alarm["Dimensions"][0]["Value"])

aas.register_scalable_target(ServiceNamespace="sagemaker", ResourceId="inference-component/ic",
                             ScalableDimension="sagemaker:inference-component:DesiredCopyCount",
                             MinCapacity=1, MaxCapacity=2)
targets = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
print("scalable_targets=" + ",".join(t["ResourceId"] for t in targets))

component = sm.describe_inference_component(InferenceComponentName="ic")
print("accelerators=" + str(component["Specification"]["ComputeResourceRequirements"]
                            ["NumberOfAcceleratorDevicesRequired"]))
print("created_before_modified=" + str(component["CreationTime"] <= component["LastModifiedTime"]))
print("endpoints=" + ",".join(e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]))
print("components=" + ",".join(c["InferenceComponentName"]
                               for c in sm.list_inference_components()["InferenceComponents"]))

endpoint_arn = sm.describe_endpoint(EndpointName="ep")["EndpointArn"]
added = sm.add_tags(ResourceArn=endpoint_arn, Tags=[{"Key": "lease", "Value": "writer-1"},
                                                     {"Key": "team", "Value": "ml-platform"}])["Tags"]
print("added_tags=" + ",".join(t["Key"] + ":" + t["Value"] for t in added))
sm.delete_tags(ResourceArn=endpoint_arn, TagKeys=["team", "unknown"])
print("tags=" + ",".join(t["Key"] + ":" + t["Value"] for t in sm.list_tags(ResourceArn=endpoint_arn)["Tags"]))
print("paginated_tags=" + str(sum(len(page["Tags"])
                                  for page in sm.get_paginator("list_tags").paginate(ResourceArn=endpoint_arn))))
try:
    sm.add_tags(ResourceArn=endpoint_arn, Tags=[{"Key": "aws:owner", "Value": "x"}])
except ClientError as e:
    print("reserved_tag=" + e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"])
try:
    sm.list_tags(ResourceArn=endpoint_arn.replace("endpoint/ep", "endpoint/EP"))
except ClientError as e:
    print("unknown_arn=" + e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"])

sm.create_endpoint_config(
    EndpointConfigName="cfg-2", ExecutionRoleArn=ROLE,
    ProductionVariants=[{"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1}])
configs = sm.list_endpoint_configs(SortBy="Name", SortOrder="Ascending")["EndpointConfigs"]
print("endpoint_configs=" + ",".join(c["EndpointConfigName"] for c in configs))
print("endpoint_configs_dated=" + str(all(isinstance(c["CreationTime"], datetime.datetime) for c in configs)))
print("endpoint_configs_containing_2=" + ",".join(
    c["EndpointConfigName"] for c in sm.list_endpoint_configs(NameContains="2")["EndpointConfigs"]))

try:
    sm.describe_endpoint(EndpointName="missing")
except ClientError as e:
    print("error_code=" + e.response["Error"]["Code"])
    print("error_message=" + e.response["Error"]["Message"])
    print("error_status=" + str(e.response["ResponseMetadata"]["HTTPStatusCode"]))
