{{/* The chart name, or nameOverride. */}}
{{- define "keysmith.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The full name of the release's objects: fullnameOverride, or "<release>-<name>", or the release
name alone when it already contains the chart name. Truncated to 63 characters (DNS label).
*/}}
{{- define "keysmith.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "keysmith.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of the pods' selector: stable across upgrades. */}}
{{- define "keysmith.selectorLabels" -}}
app.kubernetes.io/name: {{ include "keysmith.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object the chart creates (the CRDs keep the generated files' metadata). */}}
{{- define "keysmith.labels" -}}
helm.sh/chart: {{ include "keysmith.chart" . }}
{{ include "keysmith.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: keysmith
{{- end -}}

{{- define "keysmith.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "keysmith.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The leader-election Lease: config.leader-election.lease-name, or the full name. */}}
{{- define "keysmith.leaseName" -}}
{{- $election := index .Values.config "leader-election" | default dict -}}
{{- index $election "lease-name" | default (include "keysmith.fullname" .) -}}
{{- end -}}

{{- define "keysmith.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/*
The config map as KEYSMITH_* environment variables, recursively: the key path upper-cased, every
character that is not a letter or digit turned into "_". leader-election is rendered by the
Deployment itself (the Lease's name and namespace must match the Role that grants access to it).
Call with (list "KEYSMITH" .Values.config).
*/}}
{{- define "keysmith.configEnv" -}}
{{- $prefix := index . 0 -}}
{{- range $key, $value := index . 1 }}
{{- $name := printf "%s_%s" $prefix (regexReplaceAll "[^A-Za-z0-9]" $key "_" | upper) }}
{{- if kindIs "map" $value }}
{{- if ne $name "KEYSMITH_LEADER_ELECTION" }}
{{- include "keysmith.configEnv" (list $name $value) }}
{{- end }}
{{- else }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
What the operator does with the namespaced resources, in every namespace it watches: exactly the
calls the code makes (docs/security.md explains each rule).
*/}}
{{- define "keysmith.namespacedRules" -}}
# ApiChannels keep their default keys alive: create them, and delete a revoked one to replace it.
- apiGroups: ["keysmith.dev"]
  resources: ["apikeys"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: ["keysmith.dev"]
  resources: ["apikeys/status"]
  verbs: ["get", "patch", "update"]
# Key Secrets carry owner references with blockOwnerDeletion to their ApiKey.
- apiGroups: ["keysmith.dev"]
  resources: ["apikeys/finalizers"]
  verbs: ["update"]
- apiGroups: ["keysmith.dev"]
  resources: ["apichannels"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["keysmith.dev"]
  resources: ["apichannels/status"]
  verbs: ["get", "patch", "update"]
# Keyring Secrets and default keys carry owner references with blockOwnerDeletion to their channel.
- apiGroups: ["keysmith.dev"]
  resources: ["apichannels/finalizers"]
  verbs: ["update"]
# Watched only with the label app.kubernetes.io/managed-by=keysmith; others are read by name
# (credentials.existingSecretRef, name conflicts) and never written.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Events are aggregated: a repeated event patches the count of the first.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "patch"]
{{- end -}}

{{/* Channels admit keys by the labels of the keys' namespaces (allowedNamespaces.selector). */}}
{{- define "keysmith.namespaceRules" -}}
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get", "list", "watch"]
{{- end -}}
