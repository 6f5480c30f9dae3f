#!/usr/bin/env python3
"""Checks the deployment files: every manifest under deploy/k8s parses as YAML and names its apiVersion
and kind (and, outside kustomizations, metadata.name); the YAML embedded in ConfigMaps parses too; and
base/grafana-dashboards.yaml holds exactly the dashboards in dashboards/. With --write, regenerates
base/grafana-dashboards.yaml first. The full check of the rendered overlays against the Kubernetes schemas
is tests/Paraloom.Silo.Tests (KubernetesManifestTests).
Needs PyYAML (Debian/Ubuntu: apt-get install python3-yaml)."""
import json
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
DASHBOARDS = ROOT / "dashboards"
GENERATED = K8S / "base" / "grafana-dashboards.yaml"


def dashboards_config_map():
    files = sorted(DASHBOARDS.glob("*.json"))
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "grafana-dashboards"},
        "data": {path.name: path.read_text() for path in files},
    }


class _BlockStrings(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, so the generated file reads like the dashboards."""


_BlockStrings.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def write_generated():
    header = "# Generated from dashboards/*.json by deploy/check.py --write: edit the dashboards, not this file.\n"
    GENERATED.write_text(header + yaml.dump(dashboards_config_map(), Dumper=_BlockStrings, sort_keys=False, width=1_000_000))


def check():
    problems = []
    for path in sorted(K8S.rglob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document is None:
                continue
            name = f"{path.relative_to(K8S)}: {document.get('kind')}/{document.get('metadata', {}).get('name')}"
            for field in ("apiVersion", "kind"):
                if not document.get(field):
                    problems.append(f"{name} has no {field}")
            if document.get("kind") != "Kustomization" and not document.get("metadata", {}).get("name"):
                problems.append(f"{name} has no metadata.name")
            if document.get("kind") == "ConfigMap":
                for key, value in document.get("data", {}).items():
                    if key.endswith((".yml", ".yaml")):
                        yaml.safe_load(value)
                    elif key.endswith(".json"):
                        json.loads(value)
    if not GENERATED.exists() or yaml.safe_load(GENERATED.read_text()) != dashboards_config_map():
        problems.append(f"{GENERATED.name} does not match dashboards/: run deploy/check.py --write")
    return problems


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_generated()
    found = check()
    for problem in found:
        print(problem, file=sys.stderr)
    print("deploy: ok" if not found else f"deploy: {len(found)} problem(s)")
    sys.exit(1 if found else 0)
