"""Creates a base inference component and a LoRA adapter component on the Ballast fake through
boto3, invokes the adapter by its name, and checks that the base cannot be deleted while the
adapter exists. Prints key=value lines for the Java test to check.

usage: python3 adapters_with_boto3.py <endpoint-url>
"""
import json
import time

from fake_boto3 import client, wait_for
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole"
IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0"
ADAPTER = "s3://my-bucket/adapters/support.tar.gz"


def gone(name, limit_seconds=60):
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        try:
            sm.describe_inference_component(InferenceComponentName=name)
        except ClientError:
            return True
        time.sleep(0.05)
    return False


sm = client("sagemaker")
runtime = client("sagemaker-runtime")

sm.create_endpoint_config(
    EndpointConfigName="cfg", ExecutionRoleArn=ROLE,
    ProductionVariants=[{"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1}])
sm.create_endpoint(EndpointName="ep", EndpointConfigName="cfg")
wait_for(lambda: sm.describe_endpoint(EndpointName="ep"), "EndpointStatus", "InService")
sm.create_inference_component(
    InferenceComponentName="llm", EndpointName="ep", VariantName="AllTraffic",
    Specification={"Container": {"Image": IMAGE, "Environment": {"HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct"}},
                   "ComputeResourceRequirements": {"NumberOfAcceleratorDevicesRequired": 1,
                                                   "MinMemoryRequiredInMb": 1024}},
    RuntimeConfig={"CopyCount": 1})
print("base=" + wait_for(lambda: sm.describe_inference_component(InferenceComponentName="llm"),
                         "InferenceComponentStatus", "InService"))

# the adapter: only its base and its artifact, no compute and no copy count
sm.create_inference_component(
    InferenceComponentName="support", EndpointName="ep",
    Specification={"BaseInferenceComponentName": "llm", "Container": {"ArtifactUrl": ADAPTER}})
print("adapter=" + wait_for(lambda: sm.describe_inference_component(InferenceComponentName="support"),
                            "InferenceComponentStatus", "InService"))
described = sm.describe_inference_component(InferenceComponentName="support")["Specification"]
print("base_name=" + described["BaseInferenceComponentName"])
print("artifact=" + described["Container"]["ArtifactUrl"])
print("compute=" + str("ComputeResourceRequirements" in described))

answer = runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName="support",
                                 ContentType="application/json", Body=json.dumps({"inputs": "hi"}))
print("invoked_variant=" + answer["InvokedProductionVariant"])
print("answered=" + str(len(answer["Body"].read()) > 0))

try:
    sm.delete_inference_component(InferenceComponentName="llm")
    print("base_delete=accepted")
except ClientError as e:
    print("base_delete=" + e.response["Error"]["Code"])
    print("base_delete_names_adapter=" + str("associated adapter inference components: support"
                                             in e.response["Error"]["Message"]))

sm.delete_inference_component(InferenceComponentName="support")
print("adapter_gone=" + str(gone("support")))
sm.delete_inference_component(InferenceComponentName="llm")
print("base_gone=" + str(gone("llm")))
