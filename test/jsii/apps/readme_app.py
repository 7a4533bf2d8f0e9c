"""readme-app.ts in Python, line for line: the README's examples and OpenClaw in a Chart of one's own.

Run as `python readme_app.py OUTDIR` in a venv with the openclaw-cdk8s wheel and cdk8s from PyPI.
"""
import sys

from cdk8s import ApiObject, App, Chart, JsonPatch
from openclaw_cdk8s import (
    ChannelConfig, EnvFromSecret, EnvSourceRef, ExistingSecretProps, ExtraEnvVar, GatewayProps, IngressHost,
    IngressPath, IngressProps, IngressTls, NetworkPolicyPortProps, NetworkPolicyProps, NetworkPolicyRule,
    OpenClaw, OpenClawChart, PersistenceProps, ReplicaOverride, ResourcesProps, k8s,
)

app = App(outdir=sys.argv[1])

# The install section.
OpenClawChart(app, "my-openclaw",
    namespace="openclaw",
    existing_secret=ExistingSecretProps(
        name="openclaw-secrets",
        keys={"ANTHROPIC_API_KEY": "ANTHROPIC_API_KEY", "OPENCLAW_GATEWAY_TOKEN": "OPENCLAW_GATEWAY_TOKEN"},
    ),
)

# Inside your own Chart.
platform = Chart(app, "platform", namespace="assistants")
ApiObject(platform, "namespace", api_version="v1", kind="Namespace", metadata={"name": "assistants"})
claw = OpenClaw(platform, "team-claw", ingress=IngressProps(enabled=True, hosts=[IngressHost(host="claw.example.com")]))
wiring = ApiObject(platform, "wiring", api_version="v1", kind="ConfigMap", metadata={"name": "wiring"})
wiring.add_json_patch(JsonPatch.add("/data", {
    "service": claw.info.service_name, "port": str(int(claw.info.port)), "warnings": str(len(claw.warnings)),
}))

# Building on the chart.
chart = OpenClawChart(app, "patched", namespace="openclaw")
chart.stateful_set.add_json_patch(JsonPatch.add("/spec/template/spec/priorityClassName", "assistants"))
chart.service.add_json_patch(JsonPatch.add("/metadata/annotations", {"example.com/team": "ai"}))
edge = ApiObject(chart, "edge", api_version="networking.k8s.io/v1", kind="Ingress", metadata={"name": "edge"})
edge.add_json_patch(JsonPatch.add("/spec", {
    "rules": [{
        "host": "claw.example.com",
        "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {
            "service": {"name": chart.info.service_name, "port": {"number": chart.info.port}},
        }}]},
    }],
}))

# The Helm chart README's examples, as props.
OpenClawChart(app, "ingress-tls",
    existing_secret=ExistingSecretProps(name="openclaw-secrets", keys={"OPENCLAW_GATEWAY_TOKEN": "OPENCLAW_GATEWAY_TOKEN"}),
    ingress=IngressProps(
        enabled=True,
        class_name="nginx",
        annotations={"cert-manager.io/cluster-issuer": "letsencrypt-prod"},
        hosts=[IngressHost(host="openclaw.example.com", paths=[IngressPath(path="/", path_type="Prefix")])],
        tls=[IngressTls(secret_name="openclaw-tls", hosts=["openclaw.example.com"])],
    ),
    gateway=GatewayProps(trusted_proxies=["10.42.3.17/32"]),
)
OpenClawChart(app, "env-from-secret",
    env_from_secret=[EnvFromSecret(secret_ref=EnvSourceRef(name="openclaw-secrets"))],
    persistence=PersistenceProps(enabled=True, storage_class="fast-ssd", size="50Gi"),
)
OpenClawChart(app, "locked-down",
    network_policy=NetworkPolicyProps(
        enabled=True,
        allow_dns=True,
        allow_same_namespace=True,
        allowed_namespaces=[k8s.LabelSelector(match_labels={"kubernetes.io/metadata.name": "monitoring"})],
        egress=[NetworkPolicyRule(
            to=[k8s.NetworkPolicyPeer(ip_block=k8s.IpBlock(cidr="0.0.0.0/0", except_=["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]))],
            ports=[NetworkPolicyPortProps(protocol="TCP", port=443)],
        )],
        ingress=[NetworkPolicyRule(
            from_=[k8s.NetworkPolicyPeer(namespace_selector=k8s.LabelSelector(match_labels={"kubernetes.io/metadata.name": "ingress-nginx"}))],
            ports=[NetworkPolicyPortProps(protocol="TCP", port=18789)],
        )],
    ),
)
OpenClawChart(app, "extra-env",
    extra_env=[
        ExtraEnvVar(name="EMAIL_SMTP_HOST", value="smtp.example.com"),
        ExtraEnvVar(name="SECRET_VAR", value_from={"secretKeyRef": {"name": "my-secret", "key": "secret-key"}}),
    ],
)
OpenClawChart(app, "team",
    replica_count=3,
    replica_overrides={
        "0": ReplicaOverride(env={"REPLICA_ROLE": "primary", "REPLICA_PRIORITY": "high"}),
        "1": ReplicaOverride(env={"REPLICA_ROLE": "secondary", "CUSTOM_VAR": "replica-1-value"}),
        "2": ReplicaOverride(env={"REPLICA_ROLE": "secondary", "CUSTOM_VAR": "replica-2-value"}),
    },
    resources=ResourcesProps(limits={"cpu": 2, "memory": "4Gi"}, requests={"cpu": "500m", "memory": "1Gi"}),
    gateway=GatewayProps(channels={"telegram": ChannelConfig(enabled=True, allow_from=["@alice"])}),
    tolerations=[k8s.Toleration(key="dedicated", operator="Equal", value="ai", effect="NoSchedule")],
)

app.synth()
