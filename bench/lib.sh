# bench/lib.sh: what bench/all.sh and bench/run.sh share. Sourced, not run.

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# install_missing PACKAGE...: installs the Debian packages named (none: nothing to do), as root;
# otherwise stops with the apt-get line to run.
install_missing() {
  [ $# -gt 0 ] || return 0
  [ "$(id -u)" = 0 ] || die "missing: $*; install them (apt-get install $*)"
  say "installing $*"
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "$@" >/dev/null
}

# A free loopback port (twoplus picks its own with port 0).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx_conf FILE DIR PORT ROOT DEFAULT_TYPE HTTP_EXTRA SERVER_BODY: writes an nginx
# configuration for a static-file baseline: 2 workers, keep-alive without a request limit,
# sendfile, no access log, pid, logs and temp paths under DIR, one server on 127.0.0.1:PORT
# serving ROOT, with HTTP_EXTRA in the http block and SERVER_BODY (locations, headers) in the
# server block.
nginx_conf() {
  local file=$1 dir=$2 port=$3 root=$4 type=$5 http_extra=$6 server_body=$7
  cat >"$file" <<CONF
# Written by bench/ (nginx_conf in bench/lib.sh): a static-file baseline.
worker_processes 2;
user $(id -un) $(id -gn);
pid $dir/nginx.pid;
error_log $dir/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    $http_extra
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    types { }
    default_type $type;
    charset off;
    server_tokens off;
    server {
        listen 127.0.0.1:$port;
        root $root;
$server_body
    }
}
CONF
}
