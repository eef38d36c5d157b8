#!/usr/bin/env bash
# Makes a base image for Jib without any container registry or Docker daemon: a minimal Debian
# bookworm with openjdk-17-jre-headless, fetched from a Debian mirror by debootstrap and packed in
# the `docker save` format that Jib reads with -Djib.from.image=tar://<file>.
#
#   sudo scripts/make-base-image.sh [output.tar]     # default target/base-image/bookworm-jre17.tar
#   ./mvnw -q package -DskipTests jib:buildTar -Djib.from.image=tar://$PWD/target/base-image/bookworm-jre17.tar
#
# Needs root (debootstrap), debootstrap and python3. DEBIAN_MIRROR overrides the mirror.
# Users who can reach Docker Hub do not need this: the default base is eclipse-temurin:17-jre.
set -euo pipefail

out=$(realpath -m "${1:-target/base-image/bookworm-jre17.tar}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  bookworm "$work/rootfs" "$mirror"
# What a runtime image does not need: package caches, docs, manuals.
rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
  "$work"/rootfs/usr/share/doc/* "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/info/*
# debootstrap leaves the host's resolver and hostname in the tree; the container runtime provides its own.
rm -f "$work"/rootfs/etc/resolv.conf "$work"/rootfs/etc/hostname

tar --numeric-owner --sort=name -C "$work/rootfs" -cf "$work/layer.tar" .
mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" <<'PY'
import hashlib, json, os, sys, tarfile
work, out = sys.argv[1], sys.argv[2]
layer = os.path.join(work, "layer.tar")
digest = hashlib.sha256()
with open(layer, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        digest.update(chunk)
diff_id = "sha256:" + digest.hexdigest()
config = {
    "architecture": "amd64", "os": "linux",
    "config": {
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"],
        "Cmd": ["/bin/bash"],
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created_by": "scripts/make-base-image.sh: debootstrap bookworm + openjdk-17-jre-headless"}],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
layer_name = digest.hexdigest() + "/layer.tar"
manifest = [{"Config": config_name, "RepoTags": ["bugbridge-base:bookworm-jre17"], "Layers": [layer_name]}]
with open(os.path.join(work, config_name), "wb") as f:
    f.write(config_bytes)
with open(os.path.join(work, "manifest.json"), "w") as f:
    json.dump(manifest, f)
with tarfile.open(out, "w") as tar:
    tar.add(os.path.join(work, "manifest.json"), "manifest.json")
    tar.add(os.path.join(work, config_name), config_name)
    tar.add(layer, layer_name)
print(f"{out}: {os.path.getsize(out) // (1 << 20)} MiB, layer {diff_id}")
PY
