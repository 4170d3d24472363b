# Dockerfile: the twoplus image. Stage 1 builds twoplus and runs the C test suite (a failing
# test fails the build); stage 2 holds only the binary, its runtime libraries and the corpus.
#
#   docker build -t twoplus .
#   docker run --rm -p 127.0.0.1:8080:8080 twoplus
#
# Settings come from TWOPLUS_* variables (see `twoplus --help`), e.g. -e TWOPLUS_THREADS=4.

ARG DEBIAN_IMAGE=debian:bookworm-slim

# ---- build ------------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE} AS build

# libcurl4-openssl-dev and sqlite3 (the CLI, for test_ingest's table dumps) are for the tests
# only (meson option tests, on by default).
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
      --no-install-recommends \
      meson ninja-build pkg-config gcc libc6-dev python3 \
      libmicrohttpd-dev libjansson-dev libsqlite3-dev zlib1g-dev libssl-dev libpcre2-dev \
      libcurl4-openssl-dev sqlite3 \
 && apt-get clean && rm -rf /var/lib/apt/lists/*

# The tests run as an ordinary user, as they do on a developer's machine: a test that relies
# on a file being unreadable would pass or fail for the wrong reason as root.
RUN useradd --create-home --uid 10001 builder
WORKDIR /src
COPY --chown=builder:builder . /src
USER builder

RUN meson setup build --buildtype=release \
 && meson compile -C build \
 && meson test -C build --print-errorlogs \
 && meson install -C build --destdir /src/staging --strip

# ---- runtime ----------------------------------------------------------------------------
FROM ${DEBIAN_IMAGE}

# Exactly the shared libraries the binary links (libcrypto is in libssl3). No curl, no shell
# tools beyond the base image: the HEALTHCHECK below uses bash, which the base already has.
# apt-get clean and the *.bin caches: the official slim image drops them through its
# docker-clean apt hook, a debootstrapped one (container-check) does not: 80 MB otherwise.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
      --no-install-recommends \
      libmicrohttpd12 libjansson4 libsqlite3-0 zlib1g libssl3 libpcre2-8-0 \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt \
 && groupadd --system --gid 10001 twoplus \
 && useradd --system --uid 10001 --gid twoplus --home-dir /srv/twoplus --no-create-home \
      --shell /usr/sbin/nologin twoplus

COPY --from=build /src/staging/usr/local/bin/twoplus /usr/local/bin/twoplus
COPY corpus/ /srv/twoplus/corpus/
COPY data/ /srv/twoplus/data/

# Numeric user, so an orchestrator can verify runAsNonRoot. The database is in memory by
# default, so nothing in the image needs to be writable.
USER 10001:10001
WORKDIR /srv/twoplus
ENV TWOPLUS_LISTEN=0.0.0.0:8080 \
    TWOPLUS_CORPUS=/srv/twoplus/corpus \
    TWOPLUS_DATA=/srv/twoplus/data
EXPOSE 8080

# Liveness over plain HTTP with bash's /dev/tcp, so the image needs no curl or wget: curl
# would add 15 packages (libcurl, krb5, ldap, ssh2, rtmp, ...; 5.8 MB) of attack surface
# and a download tool for whoever gets a shell in the container, all for one probe.
# Host and port come from TWOPLUS_LISTEN (0.0.0.0 and [::] are probed on loopback); healthy
# means the status line of GET /healthz says 200. start-period covers ingesting a larger
# corpus mounted over /srv/twoplus/corpus. If you set --listen on the command line instead of
# TWOPLUS_LISTEN, set TWOPLUS_LISTEN to match or the probe asks the wrong port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "a=${TWOPLUS_LISTEN:-127.0.0.1:8080}; h=${a%:*}; h=${h#\\[}; h=${h%]}; case $h in 0.0.0.0|'') h=127.0.0.1 ;; ::) h=::1 ;; esac; exec 3<>/dev/tcp/$h/${a##*:} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && read -r -t 4 v s r <&3 && [ \"$s\" = 200 ]"]

# twoplus runs as PID 1: it blocks SIGTERM/SIGINT and takes them with sigwait, so they are
# delivered to it as PID 1 too, and it starts no child processes, so no init is needed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["twoplus"]
CMD ["serve"]
