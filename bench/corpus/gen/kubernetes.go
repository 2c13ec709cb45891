package gen

import (
	"fmt"
	"strings"
)

// k8sExtraFiles are the manifests an app may have besides its workload.
var k8sExtraFiles = []string{"rbac.yaml", "networkpolicy.yaml", "config.yaml", "cronjob.yaml", "daemonset.yaml"}

func (w *writer) kubernetes(n int) error {
	for i := 0; n > 0; i++ {
		files := min(w.between(1, 4), n)
		n -= files
		a := &k8sApp{w: w, team: pick(w, teams), name: w.serviceName(i)}
		extra := append([]string(nil), k8sExtraFiles...)
		w.r.Shuffle(len(extra), func(x, y int) { extra[x], extra[y] = extra[y], extra[x] })
		for f := range files {
			var b block
			var name string
			switch {
			case f == 0 && w.chance(0.8):
				name = "deployment.yaml"
				a.deployment(&b, w.chance(0.5))
			case f == 0:
				name = "statefulset.yaml"
				a.statefulSet(&b, w.chance(0.5))
			default:
				name = extra[f-1]
				a.extra(&b, name, w.chance(0.5))
			}
			text := b.String()
			w.stats.K8sFiles++
			w.stats.Objects += strings.Count("\n"+text, "\napiVersion: ")
			if err := w.file(fmt.Sprintf("k8s/%s/%s/%s", a.team, a.name, name), text); err != nil {
				return err
			}
		}
	}
	return nil
}

// k8sApp is an application being written.
type k8sApp struct {
	w          *writer
	team, name string
}

func (a *k8sApp) meta(b *block, kind, apiVersion string) {
	b.f(`apiVersion: %s
kind: %s
metadata:
  name: %s
  namespace: %s
  labels:
    app.kubernetes.io/name: %s
    app.kubernetes.io/part-of: %s
    app.kubernetes.io/managed-by: argocd
`, apiVersion, kind, a.name, a.team, a.name, a.team)
}

// pod writes a pod template's spec at the given indentation; a
// non-compliant one has one or more of: root, privilege escalation or a
// privileged container, no limits, a mutable image tag, host namespaces.
func (a *k8sApp) pod(b *block, indent int, good bool, role string) {
	bad := a.w.flaws(good, 5)
	image := fmt.Sprintf("registry.acme.example/%s/%s:1.%d.%d@sha256:%016x%016x%016x%016x", a.team, a.name,
		a.w.between(0, 40), a.w.between(0, 9), a.w.r.Uint64(), a.w.r.Uint64(), a.w.r.Uint64(), a.w.r.Uint64())
	if bad[3] {
		image = pick(a.w, []string{"nginx:latest", "redis", fmt.Sprintf("registry.acme.example/%s/%s:latest", a.team, a.name)})
	}
	var p block
	p.f("serviceAccountName: %s\nautomountServiceAccountToken: %t\n", a.name, bad[0])
	if bad[4] {
		p.f("hostNetwork: true\nhostPID: %t\n", a.w.chance(0.5))
	}
	if !bad[0] {
		p.f(`securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
`)
	}
	p.f(`containers:
  - name: %s
    image: %s
    imagePullPolicy: %s
    args: ["--listen=:8080", "--role=%s", "--log-format=json"]
    ports:
      - name: http
        containerPort: 8080
      - name: metrics
        containerPort: 9090
    env:
      - name: LOG_LEVEL
        value: info
      - name: TEAM
        value: %s
      - name: POD_NAME
        valueFrom:
          fieldRef:
            fieldPath: metadata.name
      - name: DATABASE_URL
        valueFrom:
          secretKeyRef:
            name: %s-db
            key: url
`, a.name, image, ifElse(bad[3], "Always", "IfNotPresent"), role, a.team, a.name)
	if !bad[2] {
		p.f(`    resources:
      requests:
        cpu: %dm
        memory: %dMi
      limits:
        cpu: "%d"
        memory: %dMi
`, a.w.between(1, 10)*50, a.w.between(1, 8)*64, a.w.between(1, 4), a.w.between(4, 16)*64)
	}
	switch {
	case bad[1] && a.w.chance(0.5):
		p.f("    securityContext:\n      privileged: true\n")
	case bad[1]:
		p.f("    securityContext:\n      allowPrivilegeEscalation: true\n      capabilities:\n        add: [\"NET_ADMIN\", \"SYS_TIME\"]\n")
	default:
		p.f(`    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: ["ALL"]
`)
	}
	p.f(`    livenessProbe:
      httpGet:
        path: /healthz
        port: http
      periodSeconds: 10
    readinessProbe:
      httpGet:
        path: /readyz
        port: http
      periodSeconds: 5
    volumeMounts:
      - name: tmp
        mountPath: /tmp
`)
	if a.w.chance(0.5) {
		p.f(`  - name: log-shipper
    image: registry.acme.example/platform/fluent-bit:3.1.%d
    args: ["--config=/fluent-bit/etc/fluent-bit.yaml"]
    resources:
      requests:
        cpu: 20m
        memory: 32Mi
      limits:
        cpu: 200m
        memory: 128Mi
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      runAsNonRoot: true
      capabilities:
        drop: ["ALL"]
    volumeMounts:
      - name: tmp
        mountPath: /var/log/app
        readOnly: true
      - name: fluent-bit
        mountPath: /fluent-bit/etc
`, a.w.between(0, 9))
	}
	p.f(`volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 256Mi
  - name: fluent-bit
    configMap:
      name: %s-fluent-bit
`, a.name)
	pad := strings.Repeat(" ", indent)
	for line := range strings.Lines(p.String()) {
		b.f("%s%s", pad, line)
	}
}

func (a *k8sApp) deployment(b *block, good bool) {
	a.meta(b, "Deployment", "apps/v1")
	b.f(`spec:
  replicas: %d
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: %s
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: %s
        app.kubernetes.io/part-of: %s
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
`, a.w.between(2, 6), a.name, a.name, a.team)
	a.pod(b, 6, good, "server")
	b.f("---\n")
	a.meta(b, "Service", "v1")
	b.f(`spec:
  type: %s
  selector:
    app.kubernetes.io/name: %s
  ports:
    - name: http
      port: 80
      targetPort: http
`, ifElse(good || a.w.chance(0.5), "ClusterIP", "LoadBalancer"), a.name)
	if a.w.chance(0.7) {
		b.f("---\n")
		a.meta(b, "Ingress", "networking.k8s.io/v1")
		b.f(`  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "%t"
spec:
  ingressClassName: nginx
`, good)
		if good {
			b.f("  tls:\n    - hosts: [%s.%s.acme.example]\n      secretName: %s-tls\n", a.name, a.team, a.name)
		}
		b.f(`  rules:
    - host: %s.%s.acme.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: %s
                port:
                  name: http
`, a.name, a.team, a.name)
	}
	if a.w.chance(0.6) {
		b.f("---\n")
		a.meta(b, "HorizontalPodAutoscaler", "autoscaling/v2")
		b.f(`spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: %s
  minReplicas: 2
  maxReplicas: %d
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`, a.name, a.w.between(4, 20))
	}
	if a.w.chance(0.6) {
		b.f("---\n")
		a.meta(b, "PodDisruptionBudget", "policy/v1")
		b.f("spec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n", a.name)
	}
}

func (a *k8sApp) statefulSet(b *block, good bool) {
	a.meta(b, "Service", "v1")
	b.f("spec:\n  clusterIP: None\n  selector:\n    app.kubernetes.io/name: %s\n  ports:\n    - name: http\n      port: 8080\n", a.name)
	b.f("---\n")
	a.meta(b, "StatefulSet", "apps/v1")
	b.f(`spec:
  serviceName: %s
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app.kubernetes.io/name: %s
  template:
    metadata:
      labels:
        app.kubernetes.io/name: %s
    spec:
`, a.name, a.name, a.name)
	a.pod(b, 6, good, "store")
	b.f(`  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: %s
        resources:
          requests:
            storage: %dGi
`, ifElse(good, "gp3-encrypted", "gp2"), a.w.between(1, 20)*10)
}

func (a *k8sApp) extra(b *block, name string, good bool) {
	switch name {
	case "rbac.yaml":
		a.meta(b, "ServiceAccount", "v1")
		b.f("automountServiceAccountToken: false\n---\n")
		a.meta(b, "Role", "rbac.authorization.k8s.io/v1")
		if good {
			b.f("rules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n")
		} else {
			b.f("rules:\n  - apiGroups: [\"\"]\n    resources: [\"secrets\", \"pods/exec\"]\n    verbs: [\"*\"]\n")
		}
		b.f("---\n")
		a.meta(b, "RoleBinding", "rbac.authorization.k8s.io/v1")
		b.f("roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: %s\nsubjects:\n  - kind: ServiceAccount\n    name: %s\n    namespace: %s\n", a.name, a.name, a.team)
		if !good || a.w.chance(0.3) {
			b.f("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: %s-%s\n", a.team, a.name)
			b.f("rules:\n  - apiGroups: [%s]\n    resources: [%s]\n    verbs: [%s]\n", ifElse(good, `"apps"`, `"*"`),
				ifElse(good, `"deployments"`, `"*"`), ifElse(good, `"get", "list"`, `"*"`))
			b.f("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: %s-%s\n", a.team, a.name)
			b.f("roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: %s-%s\nsubjects:\n  - kind: ServiceAccount\n    name: %s\n    namespace: %s\n",
				a.team, a.name, a.name, a.team)
		}
	case "networkpolicy.yaml":
		a.meta(b, "NetworkPolicy", "networking.k8s.io/v1")
		b.f(`spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: %s
  policyTypes: ["Ingress", "Egress"]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: %s
      ports:
        - port: 8080
  egress:
    - to:
        - ipBlock:
            cidr: %s
`, a.name, ifElse(good, "ingress-nginx", a.team), ifElse(good, "10.0.0.0/8", "0.0.0.0/0"))
	case "config.yaml":
		a.meta(b, "ConfigMap", "v1")
		b.f("data:\n  config.yaml: |\n    service: %s\n    team: %s\n    http:\n      listen: \":8080\"\n      timeout: %ds\n    features:\n", a.name, a.team, a.w.between(5, 60))
		for i := range a.w.between(3, 12) {
			b.f("      flag_%02d: %t\n", i, a.w.chance(0.5))
		}
	case "cronjob.yaml":
		a.meta(b, "CronJob", "batch/v1")
		b.f(`spec:
  schedule: "%d */%d * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
`, a.w.between(0, 59), a.w.between(1, 12))
		a.pod(b, 10, good, "cron")
	case "daemonset.yaml":
		a.meta(b, "DaemonSet", "apps/v1")
		b.f(`spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: %s
  template:
    metadata:
      labels:
        app.kubernetes.io/name: %s
    spec:
      tolerations:
        - operator: Exists
`, a.name, a.name)
		a.pod(b, 6, good, "agent")
	}
}
