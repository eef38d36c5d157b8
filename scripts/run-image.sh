#!/usr/bin/env bash
# Runs a container image tarball (`docker save` format, e.g. Jib's target/jib-image.tar) without a
# container runtime, to try an image where no Docker daemon is available: unpacks its layers into a
# root file system and starts its entrypoint with its environment as the image's user, in a chroot
# with its own mount and PID namespaces and a host directory mounted on /data. The network is the
# host's, so the service is at http://127.0.0.1:$SERVER_PORT. Not a container runtime: no cgroup
# limits, no network isolation.
#
#   sudo scripts/run-image.sh target/jib-image.tar /tmp/bb-data [extra environment, e.g. SERVER_PORT=18080]
#
# Needs root (chroot, mounts), util-linux (unshare) and python3. The data directory is created and
# given to the image's user, as a fresh volume would be. Stop it with Ctrl-C (or kill the PID printed).
set -euo pipefail

image=$(realpath "$1")
data=$(realpath -m "$2")
shift 2
rootfs=${ROOTFS:-$(mktemp -d /tmp/bb-image-rootfs.XXXXXX)}
mkdir -p "$rootfs" "$data"
if [ -n "$(ls -A "$rootfs")" ]; then
  echo "$rootfs is not empty: give ROOTFS a new directory" >&2
  exit 2
fi

# Unpack the layers in order (with whiteouts) and write the entrypoint, user and environment.
python3 - "$image" "$rootfs" <<'PY'
import json, os, shutil, sys, tarfile
image, rootfs = sys.argv[1], sys.argv[2]
with tarfile.open(image) as archive:
    manifest = json.load(archive.extractfile("manifest.json"))[0]
    config = json.load(archive.extractfile(manifest["Config"]))["config"]
    for name in manifest["Layers"]:
        with tarfile.open(fileobj=archive.extractfile(name)) as layer:
            members = []
            for member in layer.getmembers():
                head, base = os.path.split(member.name)
                if base == ".wh..wh..opq":
                    target = os.path.join(rootfs, head)
                    for entry in os.listdir(target) if os.path.isdir(target) else []:
                        path = os.path.join(target, entry)
                        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
                elif base.startswith(".wh."):
                    path = os.path.join(rootfs, head, base[4:])
                    if os.path.lexists(path):
                        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
                elif member.ischr() or member.isblk() or member.isfifo():
                    pass  # /dev comes from the host, as a runtime provides its own
                elif member.name.startswith("/") or ".." in member.name.split("/"):
                    sys.exit("refusing a layer entry outside the image root: " + member.name)
                else:
                    members.append(member)
            layer.extractall(rootfs, members=members, numeric_owner=True)
with open(os.path.join(rootfs, ".image-run"), "w") as out:
    out.write("USER=%s\n" % config.get("User", "0:0"))
    out.write("WORKDIR=%s\n" % (config.get("WorkingDir") or "/"))
    out.write("ENV=%s\n" % json.dumps(config.get("Env", [])))
    out.write("CMD=%s\n" % json.dumps((config.get("Entrypoint") or []) + (config.get("Cmd") or [])))
PY

user=$(sed -n 's/^USER=//p' "$rootfs/.image-run")
workdir=$(sed -n 's/^WORKDIR=//p' "$rootfs/.image-run")
mapfile -t env < <(sed -n 's/^ENV=//p' "$rootfs/.image-run" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))')
mapfile -t cmd < <(sed -n 's/^CMD=//p' "$rootfs/.image-run" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))')
chown "$user" "$data"
echo "image root: $rootfs; running ${cmd[*]} as $user with $data on /data" >&2
echo "health check, like docker exec: nsenter --target \$(pgrep -u ${user%%:*} -f '${cmd[-1]}') --mount --pid --root --wd" \
  "--setuid ${user%%:*} --setgid ${user##*:} /usr/bin/env -i PATH=/usr/bin:/bin $* java -cp /app/classes io.bugbridge.cli.HealthCheck" >&2

exec unshare --mount --pid --fork --kill-child=TERM --mount-proc="$rootfs/proc" /bin/sh -c '
  rootfs=$1 data=$2 user=$3 workdir=$4; shift 4
  mount --bind "$data" "$rootfs/data"
  mount -t tmpfs tmpfs "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"
  mount --rbind /dev "$rootfs/dev"
  exec chroot --userspec="$user" "$rootfs" /usr/bin/env -i -C "$workdir" "$@"
' sh "$rootfs" "$data" "$user" "$workdir" "${env[@]}" "$@" "${cmd[@]}"
