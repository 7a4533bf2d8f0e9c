// Answers traffic questions about rendered manifests with a NetworkPolicy engine that exists for
// this: the matcher of cyclonus (github.com/mattfenwick/cyclonus/pkg/matcher, the engine that
// sigs.k8s.io/network-policy-api's policy-assistant grew from). The cluster tests use it to prove
// what the fleet's NetworkPolicies mean (test/e2e/cluster/network-policy.test.ts).
//
// Reads one JSON request on stdin and writes one JSON answer on stdout:
//
//	{"defaultNamespace": "default", "manifests": [objects], "namespaces": [{"name", "labels"}],
//	 "questions": [{"id", "from": peer, "to": peer, "port": 443, "protocol": "TCP"}]}
//
// A peer is a pod the manifests make ({"workload": "StatefulSet/ns/name", "ip"}), a pod outside
// them ({"namespace", "labels", "ip"}) or an address outside the cluster ({"ip"}). The pods of a
// workload are its pod template: its labels, and its container ports (a policy may name a port).
// Namespaces are labelled as the API server labels them (kubernetes.io/metadata.name), plus the
// labels of a rendered Namespace or of "namespaces".
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type namespace struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
}

type peer struct {
	Workload  string            `json:"workload,omitempty"`
	Namespace string            `json:"namespace,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
	IP        string            `json:"ip"`
}

type question struct {
	ID       string          `json:"id"`
	From     peer            `json:"from"`
	To       peer            `json:"to"`
	Port     int             `json:"port"`
	Protocol corev1.Protocol `json:"protocol"`
}

type request struct {
	DefaultNamespace string            `json:"defaultNamespace"`
	Manifests        []json.RawMessage `json:"manifests"`
	Namespaces       []namespace       `json:"namespaces"`
	Questions        []question        `json:"questions"`
}

type answer struct {
	ID string `json:"id"`
	// Allowed: both ends' policies let it through; Ingress and Egress say which end decided.
	Allowed  bool   `json:"allowed"`
	Ingress  bool   `json:"ingress"`
	Egress   bool   `json:"egress"`
	PortName string `json:"portName,omitempty"`
}

type response struct {
	Workloads []string `json:"workloads"`
	Policies  []string `json:"policies"`
	Answers   []answer `json:"answers"`
}

// A pod template as a workload makes it.
type podTemplate struct {
	namespace string
	labels    map[string]string
	spec      corev1.PodSpec
}

type object struct {
	Kind     string            `json:"kind"`
	Metadata metav1.ObjectMeta `json:"metadata"`
	Spec     json.RawMessage   `json:"spec"`
}

type world struct {
	namespaces map[string]map[string]string
	workloads  map[string]podTemplate
	policies   []*networkingv1.NetworkPolicy
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("reading the request: %v", err)
	}
	if req.DefaultNamespace == "" {
		req.DefaultNamespace = "default"
	}
	w, err := load(req)
	if err != nil {
		fail("%v", err)
	}
	engine := matcher.BuildNetworkPolicies(false, w.policies)
	out := response{Workloads: keys(w.workloads), Answers: []answer{}}
	for _, p := range w.policies {
		out.Policies = append(out.Policies, p.Namespace+"/"+p.Name)
	}
	for _, q := range req.Questions {
		a, err := w.ask(engine, q)
		if err != nil {
			fail("question %q: %v", q.ID, err)
		}
		out.Answers = append(out.Answers, a)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("writing the answer: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "netpol: "+format+"\n", args...)
	os.Exit(1)
}

func load(req request) (*world, error) {
	w := &world{namespaces: map[string]map[string]string{}, workloads: map[string]podTemplate{}}
	addNamespace := func(name string, labels map[string]string) {
		all := map[string]string{"kubernetes.io/metadata.name": name}
		for k, v := range labels {
			all[k] = v
		}
		w.namespaces[name] = all
	}
	for _, ns := range req.Namespaces {
		addNamespace(ns.Name, ns.Labels)
	}
	for i, raw := range req.Manifests {
		var o object
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, fmt.Errorf("manifest %d: %v", i, err)
		}
		ns := o.Metadata.Namespace
		if ns == "" {
			ns = req.DefaultNamespace
		}
		var template *corev1.PodTemplateSpec
		switch o.Kind {
		case "Namespace":
			addNamespace(o.Metadata.Name, o.Metadata.Labels)
		case "NetworkPolicy":
			var p networkingv1.NetworkPolicy
			if err := json.Unmarshal(raw, &p); err != nil {
				return nil, fmt.Errorf("NetworkPolicy %s: %v", o.Metadata.Name, err)
			}
			p.Namespace = ns
			defaultPolicyTypes(&p)
			w.policies = append(w.policies, &p)
		case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job":
			var spec struct {
				Template corev1.PodTemplateSpec `json:"template"`
			}
			if err := json.Unmarshal(o.Spec, &spec); err != nil {
				return nil, fmt.Errorf("%s %s: %v", o.Kind, o.Metadata.Name, err)
			}
			template = &spec.Template
		case "CronJob":
			var spec struct {
				JobTemplate struct {
					Spec struct {
						Template corev1.PodTemplateSpec `json:"template"`
					} `json:"spec"`
				} `json:"jobTemplate"`
			}
			if err := json.Unmarshal(o.Spec, &spec); err != nil {
				return nil, fmt.Errorf("CronJob %s: %v", o.Metadata.Name, err)
			}
			template = &spec.JobTemplate.Spec.Template
		case "Pod":
			var spec corev1.PodSpec
			if err := json.Unmarshal(o.Spec, &spec); err != nil {
				return nil, fmt.Errorf("Pod %s: %v", o.Metadata.Name, err)
			}
			template = &corev1.PodTemplateSpec{ObjectMeta: o.Metadata, Spec: spec}
		}
		if template != nil {
			w.workloads[o.Kind+"/"+ns+"/"+o.Metadata.Name] = podTemplate{namespace: ns, labels: template.Labels, spec: template.Spec}
		}
	}
	return w, nil
}

// The API server's defaulting: Ingress always, Egress when the policy has egress rules. The
// engine refuses a policy without types.
func defaultPolicyTypes(p *networkingv1.NetworkPolicy) {
	if len(p.Spec.PolicyTypes) > 0 {
		return
	}
	p.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
	if len(p.Spec.Egress) > 0 {
		p.Spec.PolicyTypes = append(p.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
	}
}

func (w *world) ask(engine *matcher.Policy, q question) (answer, error) {
	if q.Protocol == "" {
		q.Protocol = corev1.ProtocolTCP
	}
	from, _, err := w.peer(q.From)
	if err != nil {
		return answer{}, fmt.Errorf("from: %v", err)
	}
	to, pod, err := w.peer(q.To)
	if err != nil {
		return answer{}, fmt.Errorf("to: %v", err)
	}
	traffic := &matcher.Traffic{Source: from, Destination: to, ResolvedPort: q.Port, Protocol: q.Protocol}
	if pod != nil {
		traffic.ResolvedPortName = portName(pod.spec, q.Port, q.Protocol)
	}
	result := engine.IsTrafficAllowed(traffic)
	return answer{
		ID: q.ID, Allowed: result.IsAllowed(), Ingress: result.Ingress.IsAllowed(), Egress: result.Egress.IsAllowed(),
		PortName: traffic.ResolvedPortName,
	}, nil
}

func (w *world) peer(p peer) (*matcher.TrafficPeer, *podTemplate, error) {
	if p.IP == "" {
		return nil, nil, fmt.Errorf("every peer needs an ip (ipBlock rules match it)")
	}
	if p.Workload != "" {
		pod, ok := w.workloads[p.Workload]
		if !ok {
			return nil, nil, fmt.Errorf("no workload %q in the manifests (have %v)", p.Workload, keys(w.workloads))
		}
		return &matcher.TrafficPeer{IP: p.IP, Internal: w.internal(pod.namespace, pod.labels)}, &pod, nil
	}
	if p.Namespace == "" {
		return &matcher.TrafficPeer{IP: p.IP}, nil, nil
	}
	return &matcher.TrafficPeer{IP: p.IP, Internal: w.internal(p.Namespace, p.Labels)}, nil, nil
}

func (w *world) internal(ns string, labels map[string]string) *matcher.InternalPeer {
	nsLabels, ok := w.namespaces[ns]
	if !ok {
		nsLabels = map[string]string{"kubernetes.io/metadata.name": ns}
	}
	if labels == nil {
		labels = map[string]string{}
	}
	return &matcher.InternalPeer{Namespace: ns, NamespaceLabels: nsLabels, PodLabels: labels}
}

// The name a pod gives a port, which a policy may use instead of the number.
func portName(spec corev1.PodSpec, port int, protocol corev1.Protocol) string {
	for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
		for _, p := range c.Ports {
			proto := p.Protocol
			if proto == "" {
				proto = corev1.ProtocolTCP
			}
			if int(p.ContainerPort) == port && proto == protocol {
				return p.Name
			}
		}
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
