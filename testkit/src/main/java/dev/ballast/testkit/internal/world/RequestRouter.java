package dev.ballast.testkit.internal.world;

import dev.ballast.testkit.internal.autoscaling.AutoScalingHandler;
import dev.ballast.testkit.internal.cloudwatch.CloudWatchHandler;
import dev.ballast.testkit.internal.component.ComponentHandler;
import dev.ballast.testkit.internal.endpoint.EndpointConfigHandler;
import dev.ballast.testkit.internal.endpoint.EndpointHandler;
import dev.ballast.testkit.internal.endpoint.ModelHandler;
import dev.ballast.testkit.internal.runtime.OpenStream;
import dev.ballast.testkit.internal.runtime.RuntimeHandler;
import dev.ballast.testkit.internal.tags.TagHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
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
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/** Routes an SDK request to the handler of its operation, by request class. */
final class RequestRouter {

    private final Map<Class<?>, Function<SdkRequest, SdkResponse>> routes = new HashMap<>();
    private final RuntimeHandler invocations;

    RequestRouter(ModelHandler models, EndpointConfigHandler configs, EndpointHandler endpoints, ComponentHandler components,
            TagHandler tags, CloudWatchHandler cloudWatch, RuntimeHandler invocations, AutoScalingHandler autoScaling) {
        this.invocations = invocations;
        on(CreateModelRequest.class, models::create);
        on(DescribeModelRequest.class, models::describe);
        on(DeleteModelRequest.class, models::delete);
        on(ListModelsRequest.class, models::list);
        on(CreateEndpointConfigRequest.class, configs::create);
        on(DescribeEndpointConfigRequest.class, configs::describe);
        on(DeleteEndpointConfigRequest.class, configs::delete);
        on(ListEndpointConfigsRequest.class, configs::list);
        on(CreateEndpointRequest.class, endpoints::create);
        on(DescribeEndpointRequest.class, endpoints::describe);
        on(DeleteEndpointRequest.class, endpoints::delete);
        on(ListEndpointsRequest.class, endpoints::list);
        on(UpdateEndpointWeightsAndCapacitiesRequest.class, endpoints::updateWeightsAndCapacities);
        on(UpdateEndpointRequest.class, endpoints::update);
        on(CreateInferenceComponentRequest.class, components::create);
        on(DescribeInferenceComponentRequest.class, components::describe);
        on(UpdateInferenceComponentRequest.class, components::update);
        on(UpdateInferenceComponentRuntimeConfigRequest.class, components::updateRuntimeConfig);
        on(DeleteInferenceComponentRequest.class, components::delete);
        on(ListInferenceComponentsRequest.class, components::list);
        on(AddTagsRequest.class, tags::add);
        on(ListTagsRequest.class, tags::list);
        on(DeleteTagsRequest.class, tags::delete);
        on(PutMetricAlarmRequest.class, cloudWatch::putMetricAlarm);
        on(DescribeAlarmsRequest.class, cloudWatch::describeAlarms);
        on(DeleteAlarmsRequest.class, cloudWatch::deleteAlarms);
        on(SetAlarmStateRequest.class, cloudWatch::setAlarmState);
        on(GetMetricStatisticsRequest.class, cloudWatch::getMetricStatistics);
        on(PutMetricDataRequest.class, cloudWatch::putMetricData);
        on(ListMetricsRequest.class, cloudWatch::listMetrics);
        on(DescribeAlarmsForMetricRequest.class, cloudWatch::describeAlarmsForMetric);
        on(GetMetricDataRequest.class, cloudWatch::getMetricData);
        on(InvokeEndpointRequest.class, invocations::invoke);
        on(RegisterScalableTargetRequest.class, autoScaling::register);
        on(DescribeScalableTargetsRequest.class, autoScaling::describeTargets);
        on(DeregisterScalableTargetRequest.class, autoScaling::deregister);
        on(PutScalingPolicyRequest.class, autoScaling::putPolicy);
        on(DescribeScalingPoliciesRequest.class, autoScaling::describePolicies);
        on(DeleteScalingPolicyRequest.class, autoScaling::deletePolicy);
    }

    private <Q extends SdkRequest> void on(Class<Q> type, Function<Q, ? extends SdkResponse> handler) {
        routes.put(type, request -> handler.apply(type.cast(request)));
    }

    SdkResponse route(SdkRequest request) {
        Function<SdkRequest, SdkResponse> handler = routes.get(request.getClass());
        if (request instanceof InvokeEndpointWithResponseStreamRequest) {
            throw new UnsupportedOperationException("InvokeEndpointWithResponseStream answers with an event stream:"
                    + " use executeStream(..) or runtimeAsyncClient(), not execute(..)");
        }
        if (handler == null) {
            throw new UnsupportedOperationException("The fake does not serve " + operation(request.getClass())
                    + "; of its service it serves " + served(request.getClass().getPackageName()));
        }
        return handler.apply(request);
    }

    /**
     * @param request a request whose answer is an event stream
     * @return the stream
     * @throws UnsupportedOperationException for any other request
     */
    OpenStream routeStream(SdkRequest request) {
        if (request instanceof InvokeEndpointWithResponseStreamRequest stream) {
            return invocations.invokeStream(stream);
        }
        throw new UnsupportedOperationException("Only InvokeEndpointWithResponseStream answers with an event stream, not "
                + operation(request.getClass()) + "; use execute(..)");
    }

    /**
     * @param modelPackage an SDK model package, e.g. {@code software.amazon.awssdk.services.cloudwatch.model}
     * @return the names of the operations of that service the fake serves, sorted
     */
    java.util.List<String> served(String modelPackage) {
        return java.util.stream.Stream.concat(routes.keySet().stream(),
                        java.util.stream.Stream.of(InvokeEndpointWithResponseStreamRequest.class))
                .filter(type -> type.getPackageName().equals(modelPackage))
                .map(RequestRouter::operation).sorted().toList();
    }

    private static String operation(Class<?> requestType) {
        String name = requestType.getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }
}
