# lib-es.sh — what scripts/es-test-node and scripts/es-test-cluster share: HTTP probes, the JDK, the
# downloaded distribution, and launching a node as an unprivileged user. Sourced, never run; the caller
# defines msg, die, ES_VERSION, ES_NODE_USER, STATE_DIR and DIST_DIR first.

# http_get_url URL: print the body of GET URL; fails when the node does not answer with 2xx.
http_get_url() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 10 "$1" 2>/dev/null
    else
        python3 - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
    sys.stdout.write(r.read().decode())
EOF
    fi
}

# port_busy_at PORT: whether something listens on 127.0.0.1:PORT.
port_busy_at() {
    python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
EOF
}

# jdk_major DIR: print the feature version of the JDK in DIR, or fail.
jdk_major() {
    local dir="$1" v=""
    [[ -x "$dir/bin/java" ]] || return 1
    if [[ -f "$dir/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$dir/release")"
    fi
    if [[ -z "$v" ]]; then
        v="$("$dir/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')"
    fi
    [[ "$v" =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$v"
}

find_jdk() {
    local cand best="" best_v=0 v
    for cand in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
        [[ -n "$cand" ]] || continue
        v="$(jdk_major "$cand" || echo 0)"
        if (( v >= 21 )); then printf '%s\n' "$cand"; return 0; fi
    done
    for cand in "${ES_JVM_DIR:-/usr/lib/jvm}"/*; do
        [[ -d "$cand" && ! -L "$cand" ]] || continue
        v="$(jdk_major "$cand" || echo 0)"
        if (( v >= 21 && v > best_v )); then best="$cand"; best_v="$v"; fi
    done
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

ensure_dist() {
    [[ -x "$DIST_DIR/bin/elasticsearch" ]] && return 0
    command -v mvn >/dev/null 2>&1 || {
        msg "no mvn found (needed once to download Elasticsearch $ES_VERSION); install Maven, e.g. apt-get install maven"
        exit 3
    }
    command -v python3 >/dev/null 2>&1 || { msg "no python3 found (needed to unpack the distribution)"; exit 3; }
    local dl="$STATE_DIR/download" t0 out
    mkdir -p "$dl"
    t0=$SECONDS
    msg "downloading $ARTIFACT with mvn ..."
    if ! out="$(mvn -q -B "$DEP_PLUGIN:copy" -Dartifact="$ARTIFACT" -DoutputDirectory="$dl" 2>&1)"; then
        printf '%s\n' "$out" | tail -n 20 >&2
        die "mvn could not fetch $ARTIFACT (is ES_VERSION=$ES_VERSION served?)"
    fi
    local zip="$dl/elasticsearch-$ES_VERSION.zip"
    [[ -f "$zip" ]] || die "mvn reported success but $zip is missing"
    msg "unpacking $zip ..."
    local staging
    staging="$(mktemp -d "$STATE_DIR/unpack.XXXXXX")"
    # zipfile's extractall drops Unix modes; restore them so bin/ stays executable.
    python3 - "$zip" "$staging" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode and not info.is_dir():
            os.chmod(path, mode)
EOF
    [[ -x "$staging/elasticsearch-$ES_VERSION/bin/elasticsearch" ]] || die "unexpected layout in $zip"
    mkdir -p "$STATE_DIR/dist"
    rm -rf "$DIST_DIR"
    mv "$staging/elasticsearch-$ES_VERSION" "$DIST_DIR"
    rm -rf "$staging" "$zip"
    chmod -R a+rX "$DIST_DIR"
    msg "Elasticsearch $ES_VERSION ready in $DIST_DIR ($(( SECONDS - t0 )) s)"
}

# prepare_launch TMP: set `launch` (the command prefix that drops root) and `es_home` (the
# distribution that user can read) for a node whose folders are in TMP.
prepare_launch() {
    local tmp="$1"
    es_home="$DIST_DIR"
    launch=()
    if [[ "$(id -u)" -eq 0 ]]; then
        command -v setpriv >/dev/null 2>&1 || die "running as root needs setpriv (util-linux) to drop privileges"
        if ! id -u "$ES_NODE_USER" >/dev/null 2>&1; then
            msg "creating system user $ES_NODE_USER"
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
                --user-group "$ES_NODE_USER"
        fi
        local uid gid
        uid="$(id -u "$ES_NODE_USER")"
        gid="$(id -g "$ES_NODE_USER")"
        chown -R "$uid:$gid" "$tmp"
        launch=(setpriv "--reuid=$uid" "--regid=$gid" --init-groups)
        # The project folder may sit where that user can't go (e.g. under /root): then copy the
        # distribution into the temporary folder.
        if ! "${launch[@]}" test -r "$DIST_DIR/lib" -a -x "$DIST_DIR/bin/elasticsearch"; then
            msg "$ES_NODE_USER cannot read $DIST_DIR; using a copy in $tmp"
            cp -R "$DIST_DIR" "$tmp/home"
            chown -R "$uid:$gid" "$tmp/home"
            es_home="$tmp/home"
        fi
        ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    else
        ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    fi
}

# spawn_node TMP JAVA_HOME: start the launcher of the node configured in TMP in the background
# (-d: it returns once the server runs detached; -p: the server writes its pid to TMP/es.pid).
spawn_node() {
    local tmp="$1" java_home="$2"
    "${launch[@]}" env -i \
        PATH="/usr/local/bin:/usr/bin:/bin" HOME="$tmp" LANG=C.UTF-8 \
        ES_JAVA_HOME="$java_home" ES_PATH_CONF="$tmp/config" ES_TMPDIR="$tmp/tmp" \
        ES_JAVA_OPTS="${ES_JAVA_OPTS:-}" \
        "$es_home/bin/elasticsearch" -d -p "$tmp/es.pid" >"$tmp/startup.out" 2>&1 </dev/null 9>&- &
}
