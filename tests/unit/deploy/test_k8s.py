"""deploy/k8s checked offline: what the manifests say exists does exist, in the code and the files."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from dekat import topics
from fastapi import FastAPI

from tests.unit.deploy.manifests import (
    ROOT,
    SERVICES,
    base,
    container,
    environment,
    generator,
    local,
    of_kind,
    settings_of,
)

LOCAL = pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl kustomize builds the overlay")


@functools.cache
def app_of(service: str) -> FastAPI:
    module = __import__(f"{service}.main", fromlist=["create_app"])
    app: FastAPI = module.create_app()
    return app


def test_the_generated_manifests_are_current() -> None:
    assert generator().stale() == [], "run: python deploy/k8s/generate.py"


@pytest.mark.parametrize("service", SERVICES)
def test_every_environment_variable_is_one_of_the_services_settings(service: str) -> None:
    known = {f"DEKAT_{name.upper()}" for name in settings_of(service).model_fields}
    assert set(environment(service, base())) - known == set()


@pytest.mark.parametrize("service", SERVICES)
def test_probes_ask_paths_the_service_serves_on_the_port_it_listens_on(service: str) -> None:
    c = container(of_kind(base(), "Deployment")[service])
    [port] = c["ports"]
    assert port["containerPort"] == int(environment(service, base())["DEKAT_HTTP_PORT"])
    served = {getattr(r, "path", None) for r in app_of(service).routes}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert c[probe]["httpGet"]["port"] == port["name"]
        assert c[probe]["httpGet"]["path"] in served
    assert c["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert c["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert of_kind(base(), "Service")[service]["spec"]["ports"][0]["targetPort"] == port["name"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_container_runs_unprivileged_within_its_resources(service: str) -> None:
    pod = of_kind(base(), "Deployment")[service]["spec"]["template"]["spec"]
    c = container(of_kind(base(), "Deployment")[service])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert c["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert {"cpu", "memory"} <= c["resources"]["requests"].keys() & c["resources"]["limits"].keys()
    budget = of_kind(base(), "PodDisruptionBudget")[service]["spec"]["selector"]["matchLabels"]
    assert budget == pod.get("labels", budget)


@LOCAL
@pytest.mark.parametrize("service", ["intake", "routing"])  # notify reads no files
def test_every_file_a_setting_names_is_mounted_from_a_config_map_that_has_it(service: str) -> None:
    built = local()
    assert built is not None
    c = container(of_kind(built, "Deployment")[service])
    pod = of_kind(built, "Deployment")[service]["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: volumes[m["name"]] for m in c["volumeMounts"]}
    paths = {k: v for k, v in environment(service, built).items() if k.endswith("_PATH")}
    assert paths
    for setting, path in paths.items():
        folder, file = str(Path(path).parent), Path(path).name
        source = mounts[folder]
        if "configMap" in source:
            assert file in of_kind(built, "ConfigMap")[source["configMap"]["name"]]["data"], setting
        else:
            assert file in of_kind(built, "Secret")[source["secret"]["secretName"]]["data"], setting
    network = of_kind(built, "ConfigMap")["dekat-network"]["data"]
    assert {p.name for p in (ROOT / "deploy/network").iterdir()} == network.keys()  # beside agencies.json


@LOCAL
@pytest.mark.parametrize("service", SERVICES)
def test_every_secret_a_service_reads_exists_in_the_local_overlay(service: str) -> None:
    built = local()
    assert built is not None
    secrets = of_kind(built, "Secret")
    for value in environment(service, built).values():
        if isinstance(value, dict) and "secretKeyRef" in value:
            ref = value["secretKeyRef"]
            if ref["name"].endswith("-db-app"):  # written by CloudNativePG for its Cluster
                assert ref["name"].removesuffix("-app") in of_kind(built, "Cluster")
                continue
            if ref["name"] in of_kind(built, "KafkaUser"):  # written by Strimzi's User Operator
                assert ref["key"] == "password"
                continue
            assert ref["key"] in secrets[ref["name"]]["data"]


def test_the_topics_are_the_contracts_with_their_partitions() -> None:
    declared = of_kind(base(), "KafkaTopic")
    assert sorted(t["spec"]["topicName"] for t in declared.values()) == sorted(
        topics.with_dlqs(list(topics.REQUEST_TOPICS))
    )
    assert {t["spec"]["partitions"] for t in declared.values()} == {topics.PARTITIONS}


@LOCAL
def test_the_local_overlay_has_every_demo_agency_topic_on_one_node() -> None:
    built = local()
    assert built is not None
    agencies = yaml.safe_load((ROOT / "deploy/network/agencies.json").read_text())["agencies"]
    declared = {t["spec"]["topicName"]: t["spec"] for t in of_kind(built, "KafkaTopic").values()}
    assert {t for a in agencies for t in topics.agency_topics(a["code"])} <= declared.keys()
    assert {spec["replicas"] for spec in declared.values()} == {1}


def test_the_prometheus_rules_are_the_ones_promtool_tests(tmp_path: Path) -> None:
    [rule] = of_kind(base(), "PrometheusRule").values()
    source = yaml.safe_load((ROOT / "deploy/prometheus/rules.yml").read_text())
    assert rule["spec"]["groups"] == source["groups"]
    if shutil.which("promtool") is None:
        pytest.skip("promtool runs the rules' unit tests on the PrometheusRule's groups")
    (tmp_path / "rules.yml").write_text(yaml.safe_dump({"groups": rule["spec"]["groups"]}))
    (tmp_path / "rules.test.yml").write_text((ROOT / "deploy/prometheus/rules.test.yml").read_text())
    run = subprocess.run(
        ["promtool", "test", "rules", "rules.test.yml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_is_scraped_as_the_job_the_rules_name(service: str) -> None:
    monitor = of_kind(base(), "ServiceMonitor")[service]["spec"]
    labels = of_kind(base(), "Service")[service]["metadata"]["labels"]
    assert monitor["selector"]["matchLabels"].items() <= labels.items()
    assert labels[monitor["jobLabel"]] == service
    assert monitor["endpoints"][0]["port"] == "http"
    assert monitor["endpoints"][0]["path"] in {getattr(r, "path", None) for r in app_of(service).routes}
