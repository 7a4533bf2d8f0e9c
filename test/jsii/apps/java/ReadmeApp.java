// readme-app.ts in Java, line for line: the README's examples and OpenClaw in a Chart of one's own.
// Run with the openclaw-cdk8s jar and org.cdk8s:cdk8s from Maven Central: `java ReadmeApp OUTDIR`.
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.openclaw.cdk8s.*;
import io.github.openclaw.cdk8s.k8s.IpBlock;
import io.github.openclaw.cdk8s.k8s.LabelSelector;
import io.github.openclaw.cdk8s.k8s.NetworkPolicyPeer;
import io.github.openclaw.cdk8s.k8s.Toleration;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.ApiObjectProps;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.JsonPatch;

public final class ReadmeApp {
    /** A map that keeps its keys in the order written, as a TypeScript object literal does. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }

    static <T> Map<String, T> typed(Map<String, Object> m) {
        @SuppressWarnings("unchecked") Map<String, T> out = (Map<String, T>) (Map<String, ?>) m;
        return out;
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().outdir(args[0]).build());

        // The install section.
        new OpenClawChart(app, "my-openclaw", OpenClawChartProps.builder()
            .namespace("openclaw")
            .existingSecret(ExistingSecretProps.builder()
                .name("openclaw-secrets")
                .keys(typed(map("ANTHROPIC_API_KEY", "ANTHROPIC_API_KEY", "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_TOKEN")))
                .build())
            .build());

        // Inside your own Chart.
        Chart platform = new Chart(app, "platform", ChartProps.builder().namespace("assistants").build());
        new ApiObject(platform, "namespace", ApiObjectProps.builder().apiVersion("v1").kind("Namespace")
            .metadata(ApiObjectMetadata.builder().name("assistants").build()).build());
        OpenClaw claw = new OpenClaw(platform, "team-claw", OpenClawProps.builder()
            .ingress(IngressProps.builder().enabled(true).hosts(List.of(IngressHost.builder().host("claw.example.com").build())).build())
            .build());
        ApiObject wiring = new ApiObject(platform, "wiring", ApiObjectProps.builder().apiVersion("v1").kind("ConfigMap")
            .metadata(ApiObjectMetadata.builder().name("wiring").build()).build());
        wiring.addJsonPatch(JsonPatch.add("/data", map(
            "service", claw.getInfo().getServiceName(),
            "port", String.valueOf(claw.getInfo().getPort().intValue()),
            "warnings", String.valueOf(claw.getWarnings().size()))));

        // Building on the chart.
        OpenClawChart chart = new OpenClawChart(app, "patched", OpenClawChartProps.builder().namespace("openclaw").build());
        chart.getStatefulSet().addJsonPatch(JsonPatch.add("/spec/template/spec/priorityClassName", "assistants"));
        chart.getService().addJsonPatch(JsonPatch.add("/metadata/annotations", map("example.com/team", "ai")));
        ApiObject edge = new ApiObject(chart, "edge", ApiObjectProps.builder().apiVersion("networking.k8s.io/v1").kind("Ingress")
            .metadata(ApiObjectMetadata.builder().name("edge").build()).build());
        Map<String, Object> backend = map("service", map("name", chart.getInfo().getServiceName(), "port", map("number", chart.getInfo().getPort())));
        Map<String, Object> paths = map("paths", List.of(map("path", "/", "pathType", "Prefix", "backend", backend)));
        edge.addJsonPatch(JsonPatch.add("/spec", map("rules", List.of(map("host", "claw.example.com", "http", paths)))));

        // The Helm chart README's examples, as props.
        new OpenClawChart(app, "ingress-tls", OpenClawChartProps.builder()
            .existingSecret(ExistingSecretProps.builder().name("openclaw-secrets")
                .keys(typed(map("OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_TOKEN"))).build())
            .ingress(IngressProps.builder()
                .enabled(true)
                .className("nginx")
                .annotations(typed(map("cert-manager.io/cluster-issuer", "letsencrypt-prod")))
                .hosts(List.of(IngressHost.builder().host("openclaw.example.com")
                    .paths(List.of(IngressPath.builder().path("/").pathType("Prefix").build())).build()))
                .tls(List.of(IngressTls.builder().secretName("openclaw-tls").hosts(List.of("openclaw.example.com")).build()))
                .build())
            .gateway(GatewayProps.builder().trustedProxies(List.of("10.42.3.17/32")).build())
            .build());
        new OpenClawChart(app, "env-from-secret", OpenClawChartProps.builder()
            .envFromSecret(List.of(EnvFromSecret.builder().secretRef(EnvSourceRef.builder().name("openclaw-secrets").build()).build()))
            .persistence(PersistenceProps.builder().enabled(true).storageClass("fast-ssd").size("50Gi").build())
            .build());
        new OpenClawChart(app, "locked-down", OpenClawChartProps.builder()
            .networkPolicy(NetworkPolicyProps.builder()
                .enabled(true)
                .allowDns(true)
                .allowSameNamespace(true)
                .allowedNamespaces(List.of(LabelSelector.builder().matchLabels(typed(map("kubernetes.io/metadata.name", "monitoring"))).build()))
                .egress(List.of(NetworkPolicyRule.builder()
                    .to(List.of(NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr("0.0.0.0/0")
                        .except(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")).build()).build()))
                    .ports(List.of(NetworkPolicyPortProps.builder().protocol("TCP").port(443).build()))
                    .build()))
                .ingress(List.of(NetworkPolicyRule.builder()
                    .from(List.of(NetworkPolicyPeer.builder().namespaceSelector(LabelSelector.builder()
                        .matchLabels(typed(map("kubernetes.io/metadata.name", "ingress-nginx"))).build()).build()))
                    .ports(List.of(NetworkPolicyPortProps.builder().protocol("TCP").port(18789).build()))
                    .build()))
                .build())
            .build());
        new OpenClawChart(app, "extra-env", OpenClawChartProps.builder()
            .extraEnv(List.of(
                ExtraEnvVar.builder().name("EMAIL_SMTP_HOST").value("smtp.example.com").build(),
                ExtraEnvVar.builder().name("SECRET_VAR").valueFrom(map("secretKeyRef", map("name", "my-secret", "key", "secret-key"))).build()))
            .build());
        new OpenClawChart(app, "team", OpenClawChartProps.builder()
            .replicaCount(3)
            .replicaOverrides(typed(map(
                "0", ReplicaOverride.builder().env(typed(map("REPLICA_ROLE", "primary", "REPLICA_PRIORITY", "high"))).build(),
                "1", ReplicaOverride.builder().env(typed(map("REPLICA_ROLE", "secondary", "CUSTOM_VAR", "replica-1-value"))).build(),
                "2", ReplicaOverride.builder().env(typed(map("REPLICA_ROLE", "secondary", "CUSTOM_VAR", "replica-2-value"))).build())))
            .resources(ResourcesProps.builder()
                .limits(map("cpu", 2, "memory", "4Gi"))
                .requests(map("cpu", "500m", "memory", "1Gi"))
                .build())
            .gateway(GatewayProps.builder()
                .channels(typed(map("telegram", ChannelConfig.builder().enabled(true).allowFrom(List.of("@alice")).build())))
                .build())
            .tolerations(List.of(Toleration.builder().key("dedicated").operator("Equal").value("ai").effect("NoSchedule").build()))
            .build());

        app.synth();
    }
}
