package dev.ballast.aws.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * The dispatch table of the AWS transport: every request type the transport can route (those
 * Ballast sends, and a few more for tags and history), and the client
 * method that sends it. Adding an operation is one line here; nothing else branches on types.
 */
public final class Routes {

    private static final Map<Class<? extends SdkRequest>, Route<?, ?>> TABLE = table();

    private Routes() {
    }

    private static Map<Class<? extends SdkRequest>, Route<?, ?>> table() {
        Map<Class<? extends SdkRequest>, Route<?, ?>> t = new LinkedHashMap<>();
        // SageMaker: models, endpoint configurations, endpoints, inference components, tags.
        add(t, SageMakerClient.class, CreateModelRequest.class, SageMakerClient::createModel);
        add(t, SageMakerClient.class, DescribeModelRequest.class, SageMakerClient::describeModel);
        add(t, SageMakerClient.class, DeleteModelRequest.class, SageMakerClient::deleteModel);
        add(t, SageMakerClient.class, ListModelsRequest.class, SageMakerClient::listModels);
        add(t, SageMakerClient.class, CreateEndpointConfigRequest.class, SageMakerClient::createEndpointConfig);
        add(t, SageMakerClient.class, DescribeEndpointConfigRequest.class, SageMakerClient::describeEndpointConfig);
        add(t, SageMakerClient.class, DeleteEndpointConfigRequest.class, SageMakerClient::deleteEndpointConfig);
        add(t, SageMakerClient.class, ListEndpointConfigsRequest.class, SageMakerClient::listEndpointConfigs);
        add(t, SageMakerClient.class, CreateEndpointRequest.class, SageMakerClient::createEndpoint);
        add(t, SageMakerClient.class, DescribeEndpointRequest.class, SageMakerClient::describeEndpoint);
        add(t, SageMakerClient.class, DeleteEndpointRequest.class, SageMakerClient::deleteEndpoint);
        add(t, SageMakerClient.class, ListEndpointsRequest.class, SageMakerClient::listEndpoints);
        add(t, SageMakerClient.class, UpdateEndpointRequest.class, SageMakerClient::updateEndpoint);
        add(t, SageMakerClient.class, UpdateEndpointWeightsAndCapacitiesRequest.class,
                SageMakerClient::updateEndpointWeightsAndCapacities);
        add(t, SageMakerClient.class, CreateInferenceComponentRequest.class, SageMakerClient::createInferenceComponent);
        add(t, SageMakerClient.class, DescribeInferenceComponentRequest.class, SageMakerClient::describeInferenceComponent);
        add(t, SageMakerClient.class, DeleteInferenceComponentRequest.class, SageMakerClient::deleteInferenceComponent);
        add(t, SageMakerClient.class, ListInferenceComponentsRequest.class, SageMakerClient::listInferenceComponents);
        add(t, SageMakerClient.class, UpdateInferenceComponentRequest.class, SageMakerClient::updateInferenceComponent);
        add(t, SageMakerClient.class, UpdateInferenceComponentRuntimeConfigRequest.class,
                SageMakerClient::updateInferenceComponentRuntimeConfig);
        add(t, SageMakerClient.class, AddTagsRequest.class, SageMakerClient::addTags);
        add(t, SageMakerClient.class, ListTagsRequest.class, SageMakerClient::listTags);
        add(t, SageMakerClient.class, DeleteTagsRequest.class, SageMakerClient::deleteTags);
        // SageMaker Runtime.
        add(t, SageMakerRuntimeClient.class, InvokeEndpointRequest.class, SageMakerRuntimeClient::invokeEndpoint);
        // CloudWatch: the rollback and check alarms.
        add(t, CloudWatchClient.class, PutMetricAlarmRequest.class, CloudWatchClient::putMetricAlarm);
        add(t, CloudWatchClient.class, DescribeAlarmsRequest.class, CloudWatchClient::describeAlarms);
        add(t, CloudWatchClient.class, DeleteAlarmsRequest.class, CloudWatchClient::deleteAlarms);
        add(t, CloudWatchClient.class, SetAlarmStateRequest.class, CloudWatchClient::setAlarmState);
        add(t, CloudWatchClient.class, DescribeAlarmHistoryRequest.class, CloudWatchClient::describeAlarmHistory);
        // CloudWatch: the metric checks of traffic shifts.
        add(t, CloudWatchClient.class, GetMetricStatisticsRequest.class, CloudWatchClient::getMetricStatistics);
        // Application Auto Scaling: copy-count and instance scaling.
        add(t, ApplicationAutoScalingClient.class, RegisterScalableTargetRequest.class,
                ApplicationAutoScalingClient::registerScalableTarget);
        add(t, ApplicationAutoScalingClient.class, DeregisterScalableTargetRequest.class,
                ApplicationAutoScalingClient::deregisterScalableTarget);
        add(t, ApplicationAutoScalingClient.class, DescribeScalableTargetsRequest.class,
                ApplicationAutoScalingClient::describeScalableTargets);
        add(t, ApplicationAutoScalingClient.class, PutScalingPolicyRequest.class, ApplicationAutoScalingClient::putScalingPolicy);
        add(t, ApplicationAutoScalingClient.class, DeleteScalingPolicyRequest.class,
                ApplicationAutoScalingClient::deleteScalingPolicy);
        add(t, ApplicationAutoScalingClient.class, DescribeScalingPoliciesRequest.class,
                ApplicationAutoScalingClient::describeScalingPolicies);
        add(t, ApplicationAutoScalingClient.class, DescribeScalingActivitiesRequest.class,
                ApplicationAutoScalingClient::describeScalingActivities);
        return Map.copyOf(t);
    }

    private static <C extends SdkClient, Q extends SdkRequest> void add(Map<Class<? extends SdkRequest>, Route<?, ?>> table,
            Class<C> client, Class<Q> request, BiFunction<C, Q, ? extends SdkResponse> call) {
        table.put(request, new Route<>(client, request, call));
    }

    /** @return the route of a request type, or empty if the AWS transport does not send it */
    public static Optional<Route<?, ?>> forType(Class<? extends SdkRequest> requestType) {
        return Optional.ofNullable(TABLE.get(requestType));
    }

    /** @return every route, keyed by request type */
    public static Map<Class<? extends SdkRequest>, Route<?, ?>> all() {
        return TABLE;
    }
}
